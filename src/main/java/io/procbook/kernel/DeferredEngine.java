package io.procbook.kernel;

import io.procbook.shell.api.CellOutput;
import io.procbook.shell.api.Engine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * An engine that is created on another thread, so that the kernel binds its sockets and answers its first
 * requests meanwhile. Calls wait until the engine exists; if creating it failed, they throw
 * {@link IllegalStateException}.
 *
 * <p>{@link #start} begins creating at once; {@link #onFirstRequest} waits for the first call that needs the
 * engine, or for {@link #prepare()}. The kernel uses the latter: front ends send kernel_info as soon as they
 * connect, and creating JShell (a second of CPU) while the JVM is still loading the kernel's classes, binding
 * its sockets or answering slowed that reply down on two cores. kernel_info asks only for the language version,
 * which is known without the engine; the kernel calls {@link #prepare()} once the reply is on its way.
 */
final class DeferredEngine implements Engine {
    private final CompletableFuture<Engine> engine = new CompletableFuture<>();
    private final Supplier<? extends Engine> factory;
    private final String languageVersion;
    private final AtomicBoolean begun = new AtomicBoolean();

    private DeferredEngine(Supplier<? extends Engine> factory, String languageVersion) {
        this.factory = factory;
        this.languageVersion = languageVersion;
    }

    /** Starts creating the engine on a daemon thread. */
    static DeferredEngine start(Supplier<? extends Engine> factory) {
        DeferredEngine d = new DeferredEngine(factory, null);
        d.begin();
        return d;
    }

    /**
     * An engine created on a daemon thread when it is first called.
     *
     * @param languageVersion what {@link #languageVersion()} answers, at once
     */
    static DeferredEngine onFirstRequest(Supplier<? extends Engine> factory, String languageVersion) {
        return new DeferredEngine(factory, languageVersion);
    }

    private void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                engine.complete(factory.get());
            } catch (RuntimeException | Error e) {
                engine.completeExceptionally(e);
            }
        }, "procbook-engine-start");
        t.setDaemon(true);
        t.start();
    }

    /** Completes when the engine exists, or exceptionally when it could not be created. */
    CompletableFuture<Engine> ready() {
        return engine;
    }

    private Engine engine() {
        begin();
        try {
            return engine.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the engine failed to start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public ExecuteOutcome execute(String code, CellOutput out, boolean silent) {
        return engine().execute(code, out, silent);
    }

    @Override
    public ExecuteOutcome evaluateExpression(String expression) {
        return engine().evaluateExpression(expression);
    }

    @Override
    public Completion complete(String code, int cursor) {
        return engine().complete(code, cursor);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        return engine().inspect(code, cursor, detailLevel);
    }

    @Override
    public Completeness isComplete(String code) {
        return engine().isComplete(code);
    }

    /** Before the engine exists nothing can be running, so there is nothing to interrupt. */
    @Override
    public void interrupt() {
        Engine e = engine.getNow(null);
        if (e != null) {
            e.interrupt();
        }
    }

    @Override
    public String languageVersion() {
        if (languageVersion == null) {
            return engine().languageVersion();
        }
        return languageVersion;
    }

    @Override
    public void prepare() {
        begin();
    }

    /** Closes the engine, waiting for it to exist first if it is still being created; creates none. */
    @Override
    public void close() {
        if (begun.compareAndSet(false, true)) {
            engine.completeExceptionally(new IllegalStateException("closed before it was used"));
            return;
        }
        Engine e;
        try {
            e = engine.join();
        } catch (CompletionException failed) {
            return;   // never created: nothing to close
        }
        e.close();
    }
}
