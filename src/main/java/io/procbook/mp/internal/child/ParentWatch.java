package io.procbook.mp.internal.child;

/**
 * Backup for the control connection's end-of-stream: a child whose parent died must not live on, even if the
 * connection was never made (a warm child still starting up) or is somehow held open. Polls every 200 ms
 * whether this JVM is still the child of the parent it was started by (an orphan is re-parented), so a child
 * outlives its parent by well under the 2 s the runtime promises.
 */
final class ParentWatch {

    private ParentWatch() { }

    static void start(long parentPid) {
        Thread t = new Thread(() -> {
            while (true) {
                long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (now != parentPid) Runtime.getRuntime().halt(1);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "procbook-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
