package io.procbook.mp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tiny shell process that ends the sessions of this JVM's external commands when this JVM ends, however it
 * ends (a kill -9 included): it reads "+sid" and "-sid" lines from a pipe whose writing end only this JVM
 * holds, and when the pipe reaches end of file (the JVM is gone, or {@link #close()} was called) it sends
 * SIGTERM to every process group still listed, and SIGKILL a second later. A child JVM watches its parent
 * itself; an external command cannot, hence this.
 *
 * <p>Cost: one {@code sh} (about a megabyte of memory, no CPU while it waits in {@code read}), started with the
 * first command and ended once no session is listed, and one short write per command started and per
 * session found empty. It runs in a session of its own, so that a signal to this JVM's process group (as a
 * Jupyter client sends) does not end it before it has done its work. Not thread-safe: {@link CommandSessions}
 * uses it under its lock.
 */
final class SessionWatcher implements AutoCloseable {

    /** POSIX sh (dash's kill takes "-TERM -pgid" but not "--"). */
    private static final String SCRIPT = String.join("\n",
            "sids=",
            "while IFS= read -r line; do",
            "  case $line in",
            "    +*) sids=\"$sids ${line#+}\" ;;",
            "    -*) s=${line#-}; kept=; for x in $sids; do [ \"$x\" = \"$s\" ] || kept=\"$kept $x\"; done;"
                    + " sids=$kept ;;",
            "  esac",
            "done",
            "[ -z \"$sids\" ] && exit 0",
            "for s in $sids; do kill -TERM -\"$s\" 2>/dev/null; done",
            "sleep 1",
            "for s in $sids; do kill -KILL -\"$s\" 2>/dev/null; done",
            "exit 0");

    private final java.lang.Process process;
    private final OutputStream pipe;

    private SessionWatcher(java.lang.Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /**
     * Starts a watcher in a session of its own.
     *
     * @param setsid the setsid program
     * @throws IOException if it cannot be started
     */
    static SessionWatcher start(String setsid) throws IOException {
        java.lang.Process p = new ProcessBuilder(List.of(setsid, "sh", "-c", SCRIPT, "procbook-session-watcher"))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new SessionWatcher(p);
    }

    /** Lists a session. */
    void add(long sid) throws IOException {
        write("+" + sid + "\n");
    }

    /** Forgets a session (nothing runs in it any more). */
    void remove(long sid) throws IOException {
        write("-" + sid + "\n");
    }

    private void write(String line) throws IOException {
        pipe.write(line.getBytes(StandardCharsets.US_ASCII));
        pipe.flush();
    }

    /** Whether it still runs (if not, the sessions it listed must be listed with a new one). */
    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Ends the watcher: it ends what is still listed, then exits. Does not wait. */
    @Override
    public void close() {
        try {
            pipe.close();
        } catch (IOException ignored) {
            // it is gone already
        }
    }
}
