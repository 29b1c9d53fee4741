package io.procbook.kernel;

import io.procbook.shell.api.CellOutput;
import io.procbook.shell.api.Engine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable engine for protocol tests. By default a cell's value is {@code text/plain: "value of <code>"},
 * a cell starting with "fail" fails; tests replace {@link #cell} to print, display, block or read input.
 */
final class FakeEngine implements Engine {
    /** What a cell does. */
    interface Cell {
        ExecuteOutcome run(String code, CellOutput out, boolean silent) throws Exception;
    }

    volatile Cell cell = FakeEngine::defaultCell;
    final List<String> executed = new CopyOnWriteArrayList<>();
    final AtomicInteger interrupts = new AtomicInteger();
    final CountDownLatch interrupted = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch prepared = new CountDownLatch(1);
    /** The thread running the current cell, so interrupt() can interrupt it as a real engine would. */
    private volatile Thread cellThread;

    static ExecuteOutcome defaultCell(String code, CellOutput out, boolean silent) {
        if (code.startsWith("fail")) {
            return ExecuteOutcome.error("FakeError", "failed: " + code, List.of("FakeError: failed", "    at cell"));
        }
        return ExecuteOutcome.ok(silent ? null : Map.of("text/plain", "value of " + code));
    }

    @Override
    public ExecuteOutcome execute(String code, CellOutput out, boolean silent) {
        executed.add(code);
        cellThread = Thread.currentThread();
        try {
            return cell.run(code, out, silent);
        } catch (InterruptedException e) {
            return ExecuteOutcome.error("InterruptedException", "interrupted", List.of("interrupted"));
        } catch (IllegalStateException e) {
            return ExecuteOutcome.error("IllegalStateException", e.getMessage(), List.of(e.toString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            cellThread = null;
        }
    }

    @Override
    public ExecuteOutcome evaluateExpression(String expression) {
        if (expression.startsWith("fail")) {
            return ExecuteOutcome.error("FakeError", "bad expression", List.of());
        }
        return ExecuteOutcome.ok(Map.of("text/plain", "expr " + expression));
    }

    @Override
    public Completion complete(String code, int cursor) {
        return new Completion(List.of("println", "printf"), Math.max(0, cursor - 5), cursor, Map.of());
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        boolean found = code.contains("String");
        return new Inspection(found, found ? Map.of("text/plain", "class String, detail " + detailLevel) : Map.of());
    }

    @Override
    public Completeness isComplete(String code) {
        if (code.endsWith("{")) {
            return new Completeness("incomplete", "    ");
        }
        return new Completeness(code.contains("}}") ? "invalid" : "complete", "");
    }

    @Override
    public void interrupt() {
        interrupts.incrementAndGet();
        interrupted.countDown();
        Thread t = cellThread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public String languageVersion() {
        return "17.0.99-fake";
    }

    @Override
    public void prepare() {
        prepared.countDown();
    }

    @Override
    public void close() {
        closed.countDown();
        Thread t = cellThread;
        if (t != null) {
            t.interrupt();
        }
    }
}
