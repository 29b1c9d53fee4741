package io.procbook.mp.internal.child;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Backup for the control connection's end-of-stream: a child whose parent died must not live on, even if the
 * connection was never made (a pre-started child still starting up) or is somehow held open. Polls every
 * 200 ms whether this JVM is still the child of the parent it was started by (an orphan is re-parented), so a
 * child outlives its parent by well under the 2 s the runtime promises.
 *
 * <p>The parent's pid is read from {@code /proc/self/stat} where there is one: {@link ProcessHandle}'s first
 * use initializes its reaper machinery, 6-10 ms of CPU in a child's start, which a child started for a trivial
 * task pays in full. A subclass rather than a lambda for the same reason (see {@link Connector}).
 */
final class OrphanWatch extends Thread {

    private final long parentPid;

    private OrphanWatch(long parentPid) {
        super("procbook-parent-watch");
        this.parentPid = parentPid;
        setDaemon(true);
    }

    static void start(long parentPid) {
        new OrphanWatch(parentPid).start();
    }

    @Override
    public void run() {
        while (true) {
            if (parentPid() != parentPid) Runtime.getRuntime().halt(1);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return this process's parent's pid now, or -1 if it has none */
    static long parentPid() {
        try (FileInputStream in = new FileInputStream("/proc/self/stat")) {
            // "pid (command) state ppid ...": the command may hold spaces and parentheses, so read after the last ')'
            String stat = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int at = stat.lastIndexOf(')') + 4; // ") S " then the ppid
            int end = stat.indexOf(' ', at);
            return Long.parseLong(stat, at, end, 10);
        } catch (IOException | RuntimeException noProc) {
            return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        }
    }
}
