package io.procbook.shell;

import io.procbook.mp.RemoteTaskException;
import io.procbook.mp.internal.PrivateAccess;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.SPIResolutionException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Runs JShell snippets in this JVM (as {@link LocalExecutionControl} does) and records every class's bytecode
 * in a {@link ClassRegistry}, which the runtime library serves to child JVMs.
 *
 * <p>The user code of every snippet runs on the notebook's {@link MainThread}: one long-lived thread for the
 * session, made by a {@link ThreadFactory} the engine sets, and bound to each cell in turn by a scope the engine
 * sets per cell. Unlike {@link LocalExecutionControl}, only that code is waited for: a snippet that starts a
 * background thread finishes when its own code does, and an exception in a background thread is not
 * swallowed. The value a snippet's code returned is kept as the live object ({@link #takeLastValue}) so that the
 * engine can render it richly.
 *
 * <p>{@link #stop()} stops the running snippet: with {@code Thread.stop} where the JDK still has it (17), and
 * with the stop checks that newer JDKs weave into loaded classes (21+), which here stop the main thread only
 * (see {@link REPL.$Cancel$}), not another cell's thread that happens to be in cell code; the main thread is
 * interrupted too. Either way the main thread lives on for the next snippet. A snippet that ignores both for
 * {@link #STOP_GRACE_MILLIS} is abandoned on its thread, so the engine is usable at once, and the next snippet
 * gets a new main thread.
 */
public class RecordingExecutionControl extends LocalExecutionControl {

    /** How long a stopped snippet may take to end before it is left behind. */
    static final long STOP_GRACE_MILLIS = 2000;

    private static final Method NOOP;
    /** How deep a snippet exception's causes are kept. */
    private static final int MAX_CAUSES = 100;

    static {
        try {
            NOOP = RecordingExecutionControl.class.getDeclaredMethod("noop");
            NOOP.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ClassRegistry registry;
    private volatile boolean describeValues;
    private volatile ThreadFactory threads = RecordingExecutionControl::plainMainThread;
    private volatile Consumer<Runnable> scope = Runnable::run;
    private volatile MainThread main;
    private volatile Runnable userCodeEnter = () -> { };
    private volatile Runnable userCodeLeave = () -> { };
    private volatile Run current;
    private volatile Object lastValue;
    /** Set while {@link #variableValue} reads a variable: where {@link #varValue} puts the object. */
    private final ThreadLocal<Object[]> peek = new ThreadLocal<>();
    private volatile boolean abandoned;
    private volatile ClassLoader cellLoader;
    private boolean cancelChecked;
    /** JDK 21+ with our {@link REPL.$Cancel$} in use: stops are per thread. */
    private volatile boolean threadStops;
    /** JDK 21+ with JShell's own stop class: one flag for every thread (the fallback). */
    private volatile Field cancelFlag;

    public RecordingExecutionControl(ClassRegistry registry) {
        this.registry = registry;
        registry.bindFinder(this::findOrNull);
    }

    @Override
    public void load(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        // Record before super.load: newer JDKs instrument the bytes there (stop checks that only make sense
        // inside JShell), and children want the class as the compiler wrote it.
        for (ClassBytecodes c : cbcs) registry.record(c.name(), c.bytecodes());
        try {
            super.load(cbcs);
        } catch (IllegalArgumentException e) {
            if (!UnwovenLoad.isWeavingFailure(e)) throw e;
            UnwovenLoad.load(this, cbcs, e); // JDK 24+ could not add its stop checks: see UnwovenLoad
        }
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.redefine(cbcs);
        for (ClassBytecodes c : cbcs) registry.record(c.name(), c.bytecodes());
    }

    /** Sets the factory of the main thread (made when the first snippet runs, and again after an abandon). */
    void setMainThreads(ThreadFactory factory) {
        threads = factory;
    }

    /**
     * Sets what runs around each snippet's code on the main thread from now on: {@code scope} gets the code
     * and runs it (or, for a cell that is being interrupted, does not).
     */
    void setSnippetScope(Consumer<Runnable> scope) {
        this.scope = scope;
    }

    /** @return whether {@code t} is the main thread that runs the next snippet */
    boolean isMainThread(Thread t) {
        MainThread m = main;
        return m != null && m.thread() == t;
    }

    /** Sets what happens on the calling (engine) thread while user code runs and when it stops running. */
    void onUserCode(Runnable enter, Runnable leave) {
        userCodeEnter = enter;
        userCodeLeave = leave;
    }

    /**
     * Reads the object a cell variable holds for inspection. JShell's own {@code varValue} turns it into text
     * with its {@code toString()}, on the caller's thread and with the compiler lock let go as for user code;
     * here nothing of the variable's code runs, and the inspector decides how much of it to show.
     *
     * @return the variable's value
     * @throws IllegalArgumentException if the variable has no value (its declaration failed)
     */
    Object variableValue(JShell js, VarSnippet variable) {
        Object[] box = new Object[1];
        peek.set(box);
        try {
            js.varValue(variable);
        } finally {
            peek.remove();
        }
        return box[0];
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        Object[] box = peek.get();
        if (box == null) return super.varValue(className, varName);
        try {
            box[0] = PrivateAccess.notebookVariable(findClass(className).getDeclaredField(varName));
            return "";
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException("cannot read " + varName + ": " + e);
        }
    }

    /** @return the object the last snippet's code returned (null for statements), and forgets it */
    Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    @Override
    protected void clientCodeEnter() {
        super.clientCodeEnter();
        userCodeEnter.run();
    }

    @Override
    protected void clientCodeLeave() {
        userCodeLeave.run();
        super.clientCodeLeave();
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        // Libraries that look classes up through the context loader (ServiceLoader, JDBC, serializers) then
        // see cell classes and jars added to JShell's class path.
        cellLoader = doitMethod.getDeclaringClass().getClassLoader();
        Object value = run(() -> doitMethod.invoke(null));
        lastValue = value;
        // JShell only shows this string, which the engine does not use; the value is rendered from the object.
        // JShell only shows this string; the engine renders the live object instead (and a 600 MB array would
        // otherwise be formatted into a string first). A plain JShell session wants JShell's own text.
        return describeValues ? valueString(value) : "";
    }

    /**
     * Converts what a snippet threw as {@link LocalExecutionControl} does, except that a
     * {@link RemoteTaskException} (a child's exception that could not travel as itself) is named as the child's
     * exception: JShell keeps only the class name, and "RemoteTaskException" would tell the reader nothing.
     */
    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException {
        throw converted(cause, 0);
    }

    private static RunException converted(Throwable t, int depth) {
        if (t instanceof SPIResolutionException r) return new ResolutionException(r.id(), r.getStackTrace());
        String name = t instanceof RemoteTaskException r ? r.remoteClassName() : t.getClass().getName();
        UserException e = new UserException(t.getMessage(), name, t.getStackTrace());
        Throwable cause = t.getCause();
        // A cause chain that loops back (possible only by reflection) must not recurse forever.
        if (cause != null && cause != t && depth < MAX_CAUSES) e.initCause(converted(cause, depth + 1));
        return e;
    }

    /**
     * Runs user code (such as a result's renderer or toString) the way a snippet runs: on a snippet thread of
     * the current cell, stoppable by {@link #stop()}.
     *
     * @return what the code returned
     * @throws StoppedException if it was stopped
     * @throws Exception        what the code threw (for a snippet method: an InvocationTargetException)
     */
    Object run(Callable<Object> code) throws Exception {
        ensureStopChecks();
        MainThread thread = mainThread();
        Run run = new Run(code, thread, scope, cellLoader);
        current = run;
        abandoned = false;
        try {
            thread.submit(run);
            abandoned = !run.awaitEnd();
        } finally {
            current = null;
            boolean done = run.isDone();
            // A thread left running stays stopped: if it ever comes back into cell code, it ends there.
            if (done || !threadStops) endStop(thread.thread());
            if (!done) retire(thread);
        }
        return run.outcome();
    }

    private MainThread mainThread() {
        MainThread m = main;
        if (m == null) {
            m = new MainThread(threads);
            main = m;
        }
        return m;
    }

    /** The main thread is running code that ignored a stop: it ends when (if ever) that code returns. */
    private void retire(MainThread thread) {
        thread.retire();
        Thread t = thread.thread();
        t.setName(t.getName() + " (abandoned)");
        if (main == thread) main = null;
    }

    private static Thread plainMainThread(Runnable r) {
        Thread t = new Thread(r, "main");
        // A snippet left running must not keep the JVM from exiting.
        t.setDaemon(true);
        return t;
    }

    /** @return {@code true} if the last stopped snippet ignored the stop and was left running */
    boolean lastRunAbandoned() {
        return abandoned;
    }

    @Override
    public void stop() {
        Run run = current;
        if (run != null) run.requestStop();
    }

    @Override
    public void close() {
        MainThread m = main;
        main = null;
        if (m != null) m.retire();
        super.close();
    }

    /**
     * On JDK 21+, {@link LocalExecutionControl} weaves calls to {@code REPL.$Cancel$} into all loaded code and
     * loads that class on its first invoke (ours, if its class loader finds ours first; see
     * {@link REPL.$Cancel$}): invoke once with a no-op to see which.
     */
    private void ensureStopChecks() throws Exception {
        if (cancelChecked) return;
        cancelChecked = true;
        super.invoke(NOOP);
        Class<?> cancel;
        try {
            cancel = findClass("REPL.$Cancel$");
        } catch (ClassNotFoundException e) {
            return; // an older JDK: Thread.stop does the job
        }
        if (cancel == REPL.$Cancel$.class) {
            threadStops = true;
            return;
        }
        try {
            Field f = cancel.getDeclaredField("allStop");
            f.setAccessible(true);
            cancelFlag = f;
        } catch (NoSuchFieldException e) {
            // a JDK whose stop checks we do not know: the interrupt is all there is
        }
    }

    /** Stops the code {@code t} runs, by whichever means this JDK has. */
    @SuppressWarnings({"deprecation", "removal"})
    private void startStop(Thread t) {
        if (threadStops) {
            REPL.$Cancel$.stop(t);
        } else if (cancelFlag != null) {
            setAllStop(true);
        } else {
            try {
                t.stop();
            } catch (UnsupportedOperationException e) {
                // JDK 20 has neither Thread.stop nor stop checks: an interrupt is all there is.
            }
        }
    }

    /** Lets {@code t} run cell code again after {@link #startStop}. */
    private void endStop(Thread t) {
        if (threadStops) REPL.$Cancel$.release(t);
        else if (cancelFlag != null) setAllStop(false);
    }

    private void setAllStop(boolean on) {
        try {
            cancelFlag.setBoolean(null, on);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach JShell's stop flag", e);
        }
    }

    @SuppressWarnings("unused")
    private static Object noop() {
        return null;
    }

    private Class<?> findOrNull(String name) {
        try {
            return findClass(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * A provider for a plain JShell session (no engine): one {@link RecordingExecutionControl} bound to the given
     * registry, reporting snippet values as JShell's usual text.
     */
    public static ExecutionControlProvider provider(ClassRegistry registry) {
        return provider(registry, c -> c.describeValues = true);
    }

    /**
     * A provider that hands JShell one {@link RecordingExecutionControl} bound to the given registry and tells
     * {@code created} about it.
     */
    public static ExecutionControlProvider provider(ClassRegistry registry, Consumer<RecordingExecutionControl> created) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "procbook";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                RecordingExecutionControl c = new RecordingExecutionControl(registry);
                created.accept(c);
                return c;
            }
        };
    }

    /** One snippet's user code, run on the main thread while the engine thread waits for it. */
    private final class Run implements MainThread.Job {
        private final Callable<Object> code;
        private final MainThread main;
        private final Consumer<Runnable> scope;
        private final ClassLoader loader;
        // Written on the main thread before finish(), read by the engine thread after it (both synchronized).
        private Object result;
        private Throwable failure;
        private boolean stopped;
        private boolean done;
        private boolean stopRequested;
        private long stopRequestedAt;

        Run(Callable<Object> code, MainThread main, Consumer<Runnable> scope, ClassLoader loader) {
            this.code = code;
            this.main = main;
            this.scope = scope;
            this.loader = loader;
        }

        @Override
        public void run() {
            try {
                main.useContextLoader(loader);
                scope.accept(this::call);
            } catch (Throwable e) {
                record(e);
            }
        }

        private void call() {
            synchronized (this) {
                if (stopRequested) {
                    stopped = true;
                    return;
                }
            }
            try {
                Object value = code.call();
                synchronized (this) {
                    result = value;
                }
            } catch (InvocationTargetException e) {
                record(e.getCause() instanceof ThreadDeath ? e.getCause() : e);
            } catch (Throwable e) {
                record(e);
            }
        }

        @SuppressWarnings("removal")
        private synchronized void record(Throwable e) {
            if (e instanceof ThreadDeath) stopped = true;
            else if (failure == null) failure = e;
        }

        @Override
        public synchronized void finish() {
            if (done) return;
            // The interrupt that came with the stop is used up; the next snippet must not see it.
            if (stopRequested) Thread.interrupted();
            done = true;
            notifyAll();
        }

        synchronized boolean isDone() {
            return done;
        }

        /** @return {@code false} if a stop was requested and the code ignored it for the grace period */
        synchronized boolean awaitEnd() throws InterruptedException {
            while (!done) {
                if (!stopRequested) {
                    wait();
                    continue;
                }
                long left = STOP_GRACE_MILLIS - (System.nanoTime() - stopRequestedAt) / 1_000_000;
                if (left <= 0) return false;
                wait(left);
            }
            return true;
        }

        /** On the engine thread, once the run is over (or abandoned). */
        synchronized Object outcome() throws Exception {
            if (stopRequested || stopped) throw new StoppedException();
            if (failure instanceof Exception e) throw e;
            if (failure instanceof Error e) throw e;
            return result;
        }

        /** Stops the code, once; the lock orders it before {@link #finish()}, so it cannot hit a later job. */
        synchronized void requestStop() {
            if (done || stopRequested) return;
            stopRequestedAt = System.nanoTime();
            stopRequested = true;
            Thread t = main.thread();
            startStop(t);
            t.interrupt();
            notifyAll();
        }
    }
}
