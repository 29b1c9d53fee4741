package io.procbook.shell;

import io.procbook.display.Renderers;
import io.procbook.monitor.Monitor;
import io.procbook.mp.internal.CommandSessions;
import io.procbook.mp.spi.Hooks;
import io.procbook.shell.api.CellOutput;
import io.procbook.shell.api.Engine;
import io.procbook.shell.help.Inspector;
import io.procbook.shell.help.Javadocs;
import io.procbook.shell.magic.Magics;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The notebook's Java: a JShell session running in this JVM.
 *
 * <p>Construction returns at once; JShell is built, given its imports and warmed up on a background thread, and
 * the first request waits for that. While an engine is open, {@code System.out}, {@code System.err} and
 * {@code System.in} are the cell-routing streams and the runtime library's hooks point here.
 *
 * <p>A cell's snippets run in order on the notebook's main thread, one long-lived thread for the whole session
 * (as in IPython: a lock taken in one cell can be released in the next, a {@code ThreadLocal} keeps its value);
 * while it runs a cell it is bound to that cell, and every thread it starts stays bound to it (see
 * {@link CellBinding}). A cell with a syntax error anywhere runs nothing; otherwise the first snippet that fails
 * to compile or throws ends the cell (see {@link CellRun} for what can be checked before a cell runs). The value
 * of the cell's last snippet becomes the result when it is an expression typed without a closing semicolon
 * (IPython's rule: {@code list.add(x);} shows nothing, {@code list} shows the list; assignments and
 * declarations show nothing). A {@code null} value shows as {@code null}; a void call shows nothing. Values are
 * rendered by {@link Renderers}. A snippet compiles with only the earlier declarations its text can reach, so a
 * cell costs about the same late in a long session as in a fresh one (see {@link FocusedCompilation}).
 *
 * <p>Errors: a compile error is named {@value #COMPILE_ERROR} and shows, per error, the cell line, a caret under
 * the spot and the message; a runtime exception is named by its class's simple name and shows a stack trace in
 * which snippet frames read {@code at greet (line 3)} (or {@code earlier cell, line 3: <code>}) and JShell's
 * wrapper classes and reflection are gone. The stack traces child processes print on their stderr read the
 * same way (see {@link TracebackText}).
 *
 * <p>A cell with {@code %} lines runs through {@link Magics} (their code runs exactly like the cell's own), and
 * a cell that is only {@code NAME?} answers with NAME's documentation as a pager payload (IPython's help). A
 * cell that starts child processes or busy threads gets one live monitor display (see {@link CellMonitors}).
 *
 * <p>Interrupt: the cell ends with an error named {@value #INTERRUPTED}. The code on the main thread is stopped
 * ({@code Thread.stop} on JDK 17; on JDK 21+ the stop checks JShell weaves into every loop and method entry of
 * cell code) and the main thread lives on; every other thread of the cell is interrupted, and the children it
 * started are terminated (see {@link InterruptPolicy}); the threads of other cells are not touched (on JDK 21+
 * the woven stop checks are made per thread for this, see {@link RecordingExecutionControl}). Code that ignores
 * all of this (blocked in native code) is left behind on its thread after two seconds so that the
 * next cell can run, on a new main thread (the old one's thread-locals and locks stay with it).
 */
public final class JShellEngine implements Engine {

    /** What {@link #languageVersion()} answers: the running JDK's version, since JShell compiles for it. */
    public static final String LANGUAGE_VERSION = System.getProperty("java.version");
    static final String INTERRUPTED = "InterruptedException";
    static final String COMPILE_ERROR = "CompileError";
    private static final long READY_TIMEOUT_SECONDS = 120;
    private static final CellOutput DISCARD = new CellOutput() {
        @Override public void stream(String name, String text) { }
        @Override public void display(Map<String, Object> d, Map<String, Object> m, String id, boolean u) { }
        @Override public void clearOutput(boolean wait) { }
        @Override public String input(String prompt, boolean password) {
            throw new IllegalStateException("input is not available while evaluating user expressions");
        }
    };

    private final ClassRegistry registry = new ClassRegistry();
    private final SnippetOrigins origins = new SnippetOrigins();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            daemonThreads("procbook-engine-timer"));
    private final ChildTracker children = new ChildTracker(scheduler, origins);
    private final CellMonitors monitors = new CellMonitors();
    private final CellProgress progress = new CellProgress();
    private final Magics magics = Magics.standard();
    private final CellHelp help = new CellHelp(magics);
    private final EngineHooks hooks = new EngineHooks(registry, children, monitors, progress);
    private final CompletableFuture<JShell> ready = new CompletableFuture<>();
    private final EngineLocks locks = new EngineLocks();
    private final AtomicInteger cellCount = new AtomicInteger();
    private final ThreadGroup notebookThreads = new NotebookThreadGroup("notebook", origins);
    private volatile RecordingExecutionControl control;
    private volatile CodeAnalysis analysis;
    private volatile FocusedCompilation focus;
    private volatile Cell running;
    private volatile Cell latest;
    private volatile boolean closed;
    /**
     * Orders start-up against close, whichever runs first: guards {@link #jshell} and the installing and
     * uninstalling of {@link #hooks}, and is what {@link #closed} is set under.
     */
    private final Object lifecycle = new Object();
    private JShell jshell;
    private final Javadocs javadocs;

    /** Starts an engine; returns at once (JShell starts in the background). */
    public JShellEngine() {
        this(Javadocs.ofRunningJdk());
    }

    /** An engine whose help reads documentation from {@code javadocs} (tests give it a JDK's sources). */
    JShellEngine(Javadocs javadocs) {
        this.javadocs = javadocs;
        StandardStreams.acquire();
        daemonThreads("procbook-jshell-start").newThread(this::start).start();
    }

    private void start() {
        try {
            InheritedValueReader.requireAvailable();
            synchronized (lifecycle) {
                if (closed) return;
                // Installed before the first cell can run (cells wait for `ready`), but off the caller's clock.
                hooks.install();
            }
            JShell js = JShell.builder()
                    .executionEngine(RecordingExecutionControl.provider(registry, c -> control = c), Map.of())
                    .build();
            addRuntimeToClasspath(js);
            FocusedCompilation f = FocusedCompilation.install(js);
            if (!f.isFocused()) {
                StandardStreams.realErr().println("procbook: cells compile with every earlier snippet imported (as"
                        + " JShell does), so a long session gets slower: " + f.unfocusedReason());
            }
            focus = f;
            control.onUserCode(locks::releaseCompiler, locks::reacquireCompiler);
            control.setMainThreads(this::newMainThread);
            for (String imp : RuntimeImports.statements(JShellEngine.class.getClassLoader())) {
                for (SnippetEvent e : f.eval(imp)) {
                    if (e.status() != Snippet.Status.VALID) {
                        StandardStreams.realErr().println("procbook: startup import failed: " + imp);
                    }
                }
            }
            RecordingExecutionControl c = control;
            analysis = new CodeAnalysis(js.sourceCodeAnalysis(), new Inspector(js, javadocs, v -> c.variableValue(js, v)));
            // Exercise compile, load and run once, so that the first cell does not pay for it.
            f.eval("if (true) { }");
            js.sourceCodeAnalysis().completionSuggestions("System.out.pr", 13, new int[1]);
            synchronized (lifecycle) {
                if (closed) {
                    js.close(); // closed while starting: nobody else will
                    return;
                }
                jshell = js;
            }
            ready.complete(js);
            CompilerWarmer.start(() -> cellCount.get() > 0 || closed, javadocs::warmUp);
        } catch (Throwable t) {
            ready.completeExceptionally(t);
        }
    }

    private static void addRuntimeToClasspath(JShell js) {
        Path where = RuntimeImports.ownLocation();
        if (where == null) return;
        String cp = System.getProperty("java.class.path", "");
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(where.toAbsolutePath().normalize())) return;
        }
        js.addToClasspath(where.toString());
    }

    private JShell awaitReady() throws ExecutionException, TimeoutException, InterruptedException {
        if (closed) throw new IllegalStateException("the engine is closed");
        try {
            return ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (closed) throw new IllegalStateException("the engine is closed");
            throw e;
        }
    }

    @Override
    public ExecuteOutcome execute(String code, CellOutput out, boolean silent) {
        JShell js;
        try {
            js = awaitReady();
        } catch (Exception e) {
            return startFailure(e);
        }
        Cell cell = new Cell(cellCount.incrementAndGet(), out);
        return locks.evaluation(() -> {
            try {
                latest = cell;
                running = cell;
                CellBinding.running(cell);
                control.setSnippetScope(snippetScope(cell));
                monitors.cellStarted(cell);
                try {
                    return runCell(js, cell, code, silent);
                } finally {
                    monitors.cellReturned(cell);
                }
            } finally {
                running = null;
            }
        });
    }

    /** A help request, a cell with magics, or plain Java. */
    private ExecuteOutcome runCell(JShell js, Cell cell, String code, boolean silent) {
        var helpRequest = HelpRequest.of(code);
        if (helpRequest.isPresent()) return help.answer(helpRequest.get(), cell, analysis);
        CellRun run = new CellRun(js, focus, control, origins, cell, silent);
        if (Magics.hasMagic(code)) return magics.run(code, new CellMagicContext(this, js, cell, code, run));
        return run.run(code);
    }

    private ExecuteOutcome startFailure(Exception e) {
        if (e instanceof IllegalStateException) {
            return ExecuteOutcome.error("EngineClosed", e.getMessage(), List.of("EngineClosed: " + e.getMessage()));
        }
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return ExecuteOutcome.error("EngineStartError", "JShell could not start: " + t,
                Tracebacks.ofLiveThrowable(t, origins, 0));
    }

    /** Binds the main thread to the cell for the snippet's code, which an interrupted cell does not run. */
    private static Consumer<Runnable> snippetScope(Cell cell) {
        return code -> {
            CellBinding.bind(cell);
            cell.evaluating(Thread.currentThread());
            if (!cell.interrupted()) code.run();
        };
    }

    private Thread newMainThread(Runnable loop) {
        // Made from the engine's thread; created with no inherited binding, it is bound per cell by the scope.
        Thread t = new Thread(notebookThreads, loop, "main", 0, false);
        // Code a cell left running must not keep the kernel from exiting.
        t.setDaemon(true);
        return t;
    }

    @Override
    public ExecuteOutcome evaluateExpression(String expression) {
        JShell js;
        try {
            js = awaitReady();
        } catch (Exception e) {
            return startFailure(e);
        }
        Cell cell = new Cell(0, DISCARD);
        return locks.evaluation(() -> {
            try {
                control.setSnippetScope(snippetScope(cell));
                return UserExpression.evaluate(js, focus, control, origins, cell, expression);
            } finally {
                // a child an expression started is watched like a cell's, and this ends the watch when it exits
                monitors.cellReturned(cell);
            }
        });
    }

    @Override
    public Completion complete(String code, int cursor) {
        CodeAnalysis a = analysisOrNull();
        if (a == null) return new Completion(List.of(), cursor, cursor, Map.of());
        return locks.compiler(() -> a.complete(code, cursor));
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        CodeAnalysis a = analysisOrNull();
        if (a == null) return new Inspection(false, Map.of());
        var magic = HelpRequest.magicAt(code, code.offsetByCodePoints(0, Math.min(Math.max(cursor, 0),
                code.codePointCount(0, code.length()))));
        if (magic.isPresent()) return help.magic(magic.get()).inspection();
        return locks.compiler(() -> a.inspect(code, cursor, detailLevel));
    }

    @Override
    public Completeness isComplete(String code) {
        CodeAnalysis a = analysisOrNull();
        if (a == null) return new Completeness("unknown", "");
        return locks.compiler(() -> a.isComplete(code));
    }

    private CodeAnalysis analysisOrNull() {
        try {
            awaitReady();
            return analysis;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void interrupt() {
        Cell cell = running;
        if (cell == null) return;
        // Children first (it does not block): the outcome, built as soon as the cell sees the interrupt, says
        // how many were terminated.
        if (InterruptPolicy.terminateChildren()) cell.childrenTerminated(children.terminate(cell));
        cell.markInterrupted();
        RecordingExecutionControl c = control;
        if (c == null) return;
        c.stop();
        // The main thread's interrupt comes with its stop, only while it runs this cell's code.
        for (Thread t : CellBinding.threadsOf(cell)) if (!c.isMainThread(t)) t.interrupt();
    }

    @Override
    public String languageVersion() {
        return LANGUAGE_VERSION;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) return;
            closed = true;
        }
        // Whoever waits for a start that will not come gets an answer now.
        ready.completeExceptionally(new IllegalStateException("the engine is closed"));
        interrupt();
        children.terminateAll();
        CommandSessions.endAll(); // what commands started and left behind (a background job) goes too
        JShell js;
        synchronized (lifecycle) {
            js = jshell;
            hooks.uninstall();
        }
        if (js != null) js.close();
        Cell last = latest;
        if (last != null) CellBinding.forget(last);
        scheduler.shutdownNow();
        StandardStreams.release();
    }

    /**
     * Makes a jar or class directory visible to cells from the next snippet on (and to the context class
     * loader of their threads), and puts it on the class path of every child process started afterwards.
     *
     * @param entry the jar or directory
     * @throws IllegalArgumentException if it does not exist
     * @throws IllegalStateException    if the engine is closed or JShell could not start
     */
    public void addToClasspath(Path entry) {
        if (!java.nio.file.Files.exists(entry)) throw new IllegalArgumentException("no such jar or directory: " + entry);
        JShell js;
        try {
            js = awaitReady();
        } catch (Exception e) {
            throw new IllegalStateException("the engine is not usable: " + e.getMessage(), e);
        }
        locks.evaluation(() -> {
            js.addToClasspath(entry.toAbsolutePath().toString());
            return null;
        });
        Hooks.addClasspath(entry);
    }

    CellMonitors monitors() {
        return monitors;
    }

    /** The session's JShell once started (for tests of what the session holds). */
    JShell jshell() throws ExecutionException, TimeoutException, InterruptedException {
        return awaitReady();
    }

    /** The bytecode registry of this session's classes (also installed as the runtime's class source). */
    public ClassRegistry classRegistry() {
        return registry;
    }

    /** Engine threads belong to no cell, whichever thread happens to create them. */
    private static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(null, r, name, 0, false);
            t.setDaemon(true);
            return t;
        };
    }
}
