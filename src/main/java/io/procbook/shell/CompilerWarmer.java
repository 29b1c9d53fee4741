package io.procbook.shell;

import jdk.jshell.JShell;
import jdk.jshell.execution.LocalExecutionControlProvider;

import java.lang.System.Logger.Level;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Warms javac's code in the JIT while the kernel sits idle after starting, so that early cells compile at
 * JIT-compiled speed: JShell's compile path needs some dozens of evaluations (with install.sh's C1 flags; a
 * couple of hundred with C2) to get there. It uses a throwaway JShell of its own (the user's session sees
 * nothing) and stops at the first real cell, which then keeps warming the same code by itself.
 */
final class CompilerWarmer {

    private static final System.Logger LOG = System.getLogger(CompilerWarmer.class.getName());

    private static final String[] SNIPPETS = {
        "1 + 1",
        "int warmInt = 3;",
        "String warmText(int i) { return \"v\" + i; }",
        "warmText(warmInt) + 1",
        "java.util.List.of(1, 2, 3).stream().map(i -> i * 2).toList()",
        "class WarmBox { int f; int twice() { return f * 2; } }",
        "new WarmBox().twice()",
        "for (int i = 0; i < 3; i++) { warmInt += i; }",
    };
    private static final int ROUNDS = 25;

    private CompilerWarmer() { }

    /**
     * Starts warming on a background daemon thread.
     *
     * @param stop  checked between evaluations; warming ends once it is true
     * @param first what else to warm first (reading the API's comments for help)
     */
    static void start(BooleanSupplier stop, Runnable first) {
        Thread t = new Thread(() -> {
            if (stop.getAsBoolean()) return;
            try {
                first.run();
            } catch (RuntimeException e) {
                // an optimisation: help reads the comments when asked, as it would have anyway
                LOG.log(Level.DEBUG, "reading the API's comments ahead failed", e);
            }
            run(stop);
        }, "procbook-compiler-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run(BooleanSupplier stop) {
        // A cell already came (a "run all" right after start): building a JShell now would only slow it down.
        if (stop.getAsBoolean()) return;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        try (JShell js = JShell.builder().out(nowhere).err(nowhere)
                .executionEngine(new LocalExecutionControlProvider(), Map.of()).build()) {
            for (int round = 0; round < ROUNDS; round++) {
                for (String snippet : SNIPPETS) {
                    if (stop.getAsBoolean()) return;
                    js.eval(snippet);
                }
            }
        } catch (RuntimeException e) {
            // Warming is an optimisation: a failure here must never reach the user (only the log, if asked).
            LOG.log(Level.DEBUG, "warming the compiler failed", e);
        }
    }
}
