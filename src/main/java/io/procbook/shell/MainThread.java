package io.procbook.shell;

import java.util.concurrent.ThreadFactory;

/**
 * The notebook's main thread: one long-lived thread runs the user code of every snippet of the session, one
 * job after the other, as IPython runs every cell on its main thread. So a lock taken in one statement (or
 * cell) can be released in the next, a {@code ThreadLocal} set in one cell is there in the next, and
 * {@code Thread.currentThread()} is the same object throughout. It is replaced only when a job ignored a stop
 * and was left running ({@link #retire()}).
 *
 * <p>A job may be stopped with {@code Thread.stop} (JDK 17), an exception that can land anywhere in this
 * thread's code, not only in the job's: the loop survives one such stray stop per job (the caller stops a job at
 * most once, and only before it has {@linkplain Job#finish() finished}).
 */
final class MainThread {

    /** One piece of work for the main thread. */
    interface Job {
        /** Runs on the main thread; failures of the user code are the job's to keep. */
        void run();

        /** Runs on the main thread after {@link #run()}, even if a stop cut it short; may be called twice. */
        void finish();
    }

    private final Thread thread;
    private Job next;
    private boolean retired;
    /** The context class loader this thread was given last (user code may set its own; it then stays). */
    private ClassLoader given;

    /** Starts the thread, made by {@code factory}. */
    MainThread(ThreadFactory factory) {
        thread = factory.newThread(this::loop);
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /**
     * Hands the idle thread its next job.
     *
     * @throws IllegalStateException if it has a job waiting already, or was retired
     */
    synchronized void submit(Job job) {
        if (next != null || retired) throw new IllegalStateException("the main thread is not idle");
        next = job;
        notifyAll();
    }

    /** Lets the thread end as soon as it is idle; it takes no more jobs. */
    synchronized void retire() {
        retired = true;
        notifyAll();
    }

    /** On the main thread: makes {@code loader} its context class loader, unless it was given it before. */
    void useContextLoader(ClassLoader loader) {
        if (loader == null || loader == given) return;
        given = loader;
        thread.setContextClassLoader(loader);
    }

    private synchronized Job take() throws InterruptedException {
        while (next == null && !retired) wait();
        if (retired) return null;
        Job job = next;
        next = null;
        return job;
    }

    private void loop() {
        boolean interruptedWhileIdle = false;
        while (true) {
            Job job;
            try {
                job = take();
            } catch (InterruptedException e) {
                // Someone interrupted the main thread between cells (a watchdog thread of a cell, say): as on
                // any Java main thread, the next code to block sees it.
                interruptedWhileIdle = true;
                continue;
            } catch (Throwable stray) {
                continue; // a stop that came as its job had just ended
            }
            if (job == null) return;
            if (interruptedWhileIdle) {
                interruptedWhileIdle = false;
                thread.interrupt();
            }
            try {
                job.run();
            } catch (Throwable stray) {
                // a stop that landed outside the job's own handler; the job's outcome is "stopped"
            }
            while (true) {
                try {
                    job.finish();
                    break;
                } catch (Throwable stray) {
                    // the job's one stop landed here: finish again, nothing else can come
                }
            }
        }
    }
}
