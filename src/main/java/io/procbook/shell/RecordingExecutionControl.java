package io.procbook.shell;

import jdk.jshell.execution.LocalExecutionControl;
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
 * <p>Snippets run on a fresh thread made by a {@link ThreadFactory} the engine sets per cell (so the thread, and
 * every thread it starts, belongs to that cell). Unlike {@link LocalExecutionControl}, only that thread is
 * waited for: a snippet that starts a background thread finishes when its own code does, and an exception in
 * a background thread is not swallowed. The value a snippet's code returned is kept as the live object
 * ({@link #takeLastValue}) so that the engine can render it richly.
 *
 * <p>{@link #stop()} stops the running snippet: with {@code Thread.stop} where the JDK still has it (17), and
 * with the stop checks that newer JDKs weave into loaded classes (21+); every thread of the snippet's thread
 * group is interrupted too. A snippet that ignores both for {@link #STOP_GRACE_MILLIS} is abandoned, so the
 * engine is usable at once.
 */
public class RecordingExecutionControl extends LocalExecutionControl {

    /** How long a stopped snippet may take to end before it is left behind. */
    static final long STOP_GRACE_MILLIS = 2000;

    private static final Method NOOP;

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
    private volatile ThreadFactory threads = Thread::new;
    private volatile Runnable userCodeEnter = () -> { };
    private volatile Runnable userCodeLeave = () -> { };
    private volatile Run current;
    private volatile Object lastValue;
    private volatile boolean abandoned;
    private volatile ClassLoader cellLoader;
    private boolean cancelChecked;
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
        super.load(cbcs);
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.redefine(cbcs);
        for (ClassBytecodes c : cbcs) registry.record(c.name(), c.bytecodes());
    }

    /** Sets the factory of the threads that snippets run on from now on. */
    void setSnippetThreads(ThreadFactory factory) {
        threads = factory;
    }

    /** Sets what happens on the calling (engine) thread while user code runs and when it stops running. */
    void onUserCode(Runnable enter, Runnable leave) {
        userCodeEnter = enter;
        userCodeLeave = leave;
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
     * Runs user code (such as a result's renderer or toString) the way a snippet runs: on a snippet thread of
     * the current cell, stoppable by {@link #stop()}.
     *
     * @return what the code returned
     * @throws StoppedException if it was stopped
     * @throws Exception        what the code threw (for a snippet method: an InvocationTargetException)
     */
    Object run(Callable<Object> code) throws Exception {
        ensureStopChecks();
        setCancel(false);
        Run run = new Run(code);
        Thread t = threads.newThread(run);
        ClassLoader loader = cellLoader;
        if (loader != null) t.setContextClassLoader(loader);
        run.thread = t;
        current = run;
        abandoned = false;
        try {
            t.start();
            run.awaitEnd();
        } finally {
            current = null;
            setCancel(false);
            abandoned = t.isAlive();
        }
        if (run.stopRequested || run.stopped) throw new StoppedException();
        if (run.failure instanceof Exception e) throw e;
        if (run.failure instanceof Error e) throw e;
        return run.result;
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

    /**
     * On JDK 21+, {@link LocalExecutionControl} weaves calls to a generated class into all loaded code and
     * generates that class on its first invoke; invoke once with a no-op to get it, then use its flag.
     */
    private void ensureStopChecks() throws Exception {
        if (cancelChecked) return;
        cancelChecked = true;
        super.invoke(NOOP);
        try {
            Field f = findClass("REPL.$Cancel$").getDeclaredField("allStop");
            f.setAccessible(true);
            cancelFlag = f;
        } catch (ClassNotFoundException | NoSuchFieldException e) {
            cancelFlag = null; // an older JDK: Thread.stop does the job
        }
    }

    private void setCancel(boolean on) {
        Field f = cancelFlag;
        if (f == null) return;
        try {
            f.setBoolean(null, on);
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

    /** One snippet's run on its own thread. */
    private final class Run implements Runnable {
        private final Callable<Object> code;
        volatile Thread thread;
        volatile Object result;
        volatile Throwable failure;
        volatile boolean stopped;
        volatile boolean stopRequested;
        private volatile long stopRequestedAt;

        Run(Callable<Object> code) {
            this.code = code;
        }

        @Override
        @SuppressWarnings("removal")
        public void run() {
            try {
                result = code.call();
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof ThreadDeath) stopped = true;
                else failure = e;
            } catch (ThreadDeath e) {
                stopped = true;
            } catch (Throwable e) {
                failure = e;
            }
        }

        void awaitEnd() throws InterruptedException {
            Thread t = thread;
            while (t.isAlive()) {
                if (!stopRequested) {
                    t.join(250);
                    continue;
                }
                long left = STOP_GRACE_MILLIS - (System.nanoTime() - stopRequestedAt) / 1_000_000;
                if (left <= 0) return; // abandoned: it ignores both stop and interrupt
                t.join(left);
            }
        }

        @SuppressWarnings({"deprecation", "removal"})
        void requestStop() {
            stopRequestedAt = System.nanoTime();
            stopRequested = true;
            Thread t = thread;
            if (cancelFlag != null) {
                setCancel(true);
            } else {
                try {
                    t.stop();
                } catch (UnsupportedOperationException e) {
                    // JDK 20 has neither Thread.stop nor stop checks: an interrupt is all there is.
                }
            }
            ThreadGroup group = t.getThreadGroup();
            if (group == null) {
                t.interrupt();
                return;
            }
            Thread[] all = new Thread[group.activeCount() + 8];
            int n = group.enumerate(all);
            for (int i = 0; i < n; i++) all[i].interrupt();
        }
    }
}
