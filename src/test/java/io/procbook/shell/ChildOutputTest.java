package io.procbook.shell;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.OutputSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/** A child's output reaches its cell in whole lines, one writer per child and stream. */
class ChildOutputTest {

    private final RecordingOutput out = new RecordingOutput();
    private final ChildTracker tracker = new ChildTracker(null, new SnippetOrigins());

    @AfterEach
    void unbind() {
        CellBinding.bind(null);
    }

    /** A cell whose partial lines wait ten minutes: only newlines, stream ends and flushes let them go. */
    private Cell holdingCell() {
        System.setProperty(WholeLines.HOLD_PROPERTY, "600000");
        try {
            return new Cell(1, out);
        } finally {
            System.clearProperty(WholeLines.HOLD_PROPERTY);
        }
    }

    @Test
    void piecesOfChildrensLinesDoNotCutIntoOtherLines() {
        Cell cell = holdingCell();
        CellBinding.bind(cell);
        OutputSink a = tracker.sinkFor(new Named("A"));
        OutputSink b = tracker.sinkFor(new Named("B"));
        a.write(false, "a");
        b.write(false, "c");
        cell.output().stream("stdout", "parent line\n");
        b.write(false, "d\n");
        a.write(false, "b\n");
        assertEquals("parent line\ncd\nab\n", out.stdout());
    }

    @Test
    void stdoutAndStderrStayApartAndTheEndOfAStreamLetsItsPartialLineGo() {
        Cell cell = holdingCell();
        CellBinding.bind(cell);
        OutputSink a = tracker.sinkFor(new Named("A"));
        a.write(false, "out");
        a.write(true, "err");
        a.write(true, "or\n");
        assertEquals("error\n", out.stderr());
        assertEquals("", out.stdout());
        a.end(false);
        assertEquals("out", out.stdout());
    }

    @Test
    void theCellsEndLetsEveryPartialLineGo() {
        Cell cell = holdingCell();
        CellBinding.bind(cell);
        tracker.sinkFor(new Named("A")).write(false, "still running");
        cell.codeReturned();
        assertEquals("still running", out.stdout());
    }

    @Test
    void aChildStartedOutsideAnyCellIsNotRouted() {
        assertNull(tracker.sinkFor(new Named("A")));
    }

    /** Only an identity: the sink keys a child's lines by the child. */
    private record Named(String name) implements ChildProcess {
        @Override public long pid() { return -1; }
        @Override public Kind kind() { return Kind.PROCESS; }
        @Override public boolean isAlive() { return true; }
        @Override public void terminate() { throw new UnsupportedOperationException(); }
        @Override public void kill() { throw new UnsupportedOperationException(); }
        @Override public CompletableFuture<Integer> onExit() { return new CompletableFuture<>(); }
    }
}
