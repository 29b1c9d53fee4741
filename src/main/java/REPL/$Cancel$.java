package REPL;

import java.util.Arrays;

/**
 * The stop check that JShell (JDK 21+) weaves into every method entry and backward branch of the classes it
 * loads, made per thread.
 *
 * <p>JShell's woven code calls {@code REPL.$Cancel$.stopCheck()}, and JShell defines that class itself on the
 * first snippet run, with one global flag: set, it stops every thread that is in cell code, whichever cell it
 * belongs to. JShell's class loader asks its parent first, so this class, on the kernel's class path, is the one
 * the woven code finds: it stops only the threads it was told to (the thread running the interrupted cell).
 * {@code io.procbook.shell.RecordingExecutionControl} checks that this class is the one in use; if not, it falls
 * back to JShell's global flag.
 *
 * <p>The name and the members JShell looks up ({@code allStop}, {@code stopCheck}) must stay as they are.
 */
public final class $Cancel$ {

    /**
     * JShell's own global stop flag, kept so that {@code LocalExecutionControl}'s use of it still works (for
     * every JShell session of this JVM: they all find this class).
     */
    public static volatile boolean allStop;

    private static volatile Thread[] stopping = new Thread[0];

    private $Cancel$() { }

    /**
     * Called by woven code: stops the calling thread if it is to be stopped.
     *
     * @throws ThreadDeath if the calling thread is being stopped (or JShell's global flag is set)
     */
    @SuppressWarnings("removal")
    public static void stopCheck() {
        Thread[] s = stopping;
        if (s.length == 0 && !allStop) return;
        if (allStop) throw new ThreadDeath();
        Thread me = Thread.currentThread();
        for (Thread t : s) {
            if (t == me) throw new ThreadDeath();
        }
    }

    /** Stops {@code thread} at its next check in cell code, and at every one after, until {@link #release}. */
    public static synchronized void stop(Thread thread) {
        // Threads that ended since they were stopped (left running, and then returned) go.
        Thread[] s = Arrays.stream(stopping).filter(t -> t != thread && t.isAlive()).toArray(Thread[]::new);
        s = Arrays.copyOf(s, s.length + 1);
        s[s.length - 1] = thread;
        stopping = s;
    }

    /** Lets {@code thread} run cell code again. */
    public static synchronized void release(Thread thread) {
        stopping = Arrays.stream(stopping).filter(t -> t != thread).toArray(Thread[]::new);
    }
}
