package io.procbook.kernel;

import io.procbook.shell.CellOutput;
import io.procbook.shell.Engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An engine that is still being created on another thread: the kernel binds its sockets and loads its own
 * classes meanwhile, so startup costs the longer of the two, not their sum. Calls wait until the engine exists;
 * if creating it failed, they throw {@link IllegalStateException}.
 */
final class DeferredEngine implements Engine {
    private final CompletableFuture<Engine> engine = new CompletableFuture<>();

    private DeferredEngine() { }

    /** Starts creating the engine on a daemon thread. */
    static DeferredEngine start(Supplier<? extends Engine> factory) {
        DeferredEngine d = new DeferredEngine();
        Thread t = new Thread(() -> {
            try {
                d.engine.complete(factory.get());
            } catch (RuntimeException | Error e) {
                d.engine.completeExceptionally(e);
            }
        }, "procbook-engine-start");
        t.setDaemon(true);
        t.start();
        return d;
    }

    /** Completes when the engine exists, or exceptionally when it could not be created. */
    CompletableFuture<Engine> ready() {
        return engine;
    }

    private Engine engine() {
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
        return engine().languageVersion();
    }

    /** Closes the engine, waiting for it to exist first if it is still being created. */
    @Override
    public void close() {
        Engine e;
        try {
            e = engine.join();
        } catch (CompletionException failed) {
            return;   // never created: nothing to close
        }
        e.close();
    }
}
