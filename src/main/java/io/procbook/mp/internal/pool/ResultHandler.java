package io.procbook.mp.internal.pool;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one thread of a pool that runs callbacks (in the order results complete, as Python's result handler)
 * and starts replacement workers. It is created by the thread that creates the pool, so it inherits what
 * that thread carries in inheritable thread-locals: under the kernel, the cell, so that callbacks print into
 * the cell that made the pool and replacement workers are attributed to that cell.
 */
public final class ResultHandler {

    private static final Runnable END = () -> { };
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** Starts the thread; call it on the thread that creates the pool. */
    public ResultHandler(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (true) {
            Runnable r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                return; // only our own daemon thread; nobody else interrupts it
            }
            if (r == END) return;
            try {
                r.run();
            } catch (Throwable t) {
                System.err.println("Exception in pool callback:");
                t.printStackTrace();
            }
        }
    }

    /** Runs {@code r} on the handler thread after what was posted before. */
    public void post(Runnable r) {
        queue.add(r);
    }

    /** Ends the thread once what was posted before has run. */
    public void shutdown() {
        queue.add(END);
    }

    /**
     * Blocks until the thread has run everything posted before {@link #shutdown} and ended; returns at once
     * when called from the handler thread itself (a callback that joins its own pool).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitEnd() throws InterruptedException {
        if (Thread.currentThread() != thread) thread.join();
    }

    /** @return the handler thread (for tests: callbacks run on it) */
    public Thread thread() {
        return thread;
    }
}
