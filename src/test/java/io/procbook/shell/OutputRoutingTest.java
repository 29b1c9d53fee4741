package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OutputRoutingTest {

    static PrintStream originalOut;
    static PrintStream originalErr;
    static InputStream originalIn;
    static final ByteArrayOutputStream processOut = new ByteArrayOutputStream();
    static PrintStream processStream;
    static JShellEngine engine;

    @BeforeAll
    static void start() {
        originalOut = System.out;
        originalErr = System.err;
        originalIn = System.in;
        processStream = new PrintStream(processOut, true, StandardCharsets.UTF_8);
        System.setOut(processStream);
        engine = new JShellEngine();
        assertNotSame(processStream, System.out);
        assertNotSame(originalErr, System.err);
        assertNotSame(originalIn, System.in);
    }

    @AfterAll
    static void stop() {
        try {
            engine.close();
            assertSame(processStream, System.out, "System.out is restored when the engine closes");
            assertSame(originalErr, System.err, "System.err is restored when the engine closes");
            assertSame(originalIn, System.in, "System.in is restored when the engine closes");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.setIn(originalIn);
        }
    }

    static void ok(String cell, RecordingOutput out) {
        ExecuteOutcome o = engine.execute(cell, out, false);
        assertEquals("ok", o.status(), () -> o.ename() + ": " + o.evalue() + "\n" + String.join("\n", o.traceback()));
    }

    @Test
    void aThreadKeepsItsCellAfterTheCellFinished() {
        RecordingOutput cell1 = new RecordingOutput();
        RecordingOutput cell2 = new RecordingOutput();
        ok("""
                var go = new CountDownLatch(1);
                var done = new CountDownLatch(1);
                new Thread(() -> {
                    try { go.await(); } catch (InterruptedException e) { return; }
                    System.out.println("late from cell 1");
                    System.err.println("late error from cell 1");
                    display("late display");
                    done.countDown();
                }).start();
                System.out.println("cell 1 done");
                """, cell1);
        assertEquals("cell 1 done\n", cell1.stdout());
        ok("System.out.println(\"cell 2 runs\");\ngo.countDown();\ndone.await();", cell2);
        assertEquals("cell 1 done\nlate from cell 1\n", cell1.stdout());
        assertEquals("late error from cell 1\n", cell1.stderr());
        assertEquals(1, cell1.displays.size());
        assertEquals("cell 2 runs\n", cell2.stdout());
        assertTrue(cell2.displays.isEmpty());
        assertFalse(processOut.toString(StandardCharsets.UTF_8).contains("cell"));
    }

    @Test
    void executorTasksPrintIntoTheirCell() {
        RecordingOutput out = new RecordingOutput();
        ok("""
                var pool = Executors.newFixedThreadPool(2);
                pool.submit(() -> System.out.println("task ran")).get();
                pool.shutdown();
                IntStream.range(0, 4).parallel().forEach(i -> System.err.print("p"));
                """, out);
        assertEquals("task ran\n", out.stdout());
        assertEquals("pppp", out.stderr());
    }

    @Test
    void threadsOfNoCellWriteToTheProcessStreams() throws Exception {
        Thread t = new Thread(() -> System.out.println("kernel thread line"));
        t.start();
        t.join();
        assertTrue(processOut.toString(StandardCharsets.UTF_8).contains("kernel thread line\n"));
    }

    @Test
    void bytesAreDecodedAsUtf8AcrossWrites() {
        RecordingOutput out = new RecordingOutput();
        ok("""
                byte[] b = "é😀 ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (byte x : b) System.out.write(x);
                System.out.flush();
                System.out.printf("%d-%s%n", 7, "x");
                System.out.print(new char[] {'a', 'b'});
                System.out.append("c").append('d');
                System.out.println();
                """, out);
        assertEquals("é😀 ok7-x\nabcd\n", out.stdout());
    }

    /**
     * Runs a cell with partial lines held for ten minutes: within a test only a newline, a flush, the end of a
     * child's stream or the cell's end can let one go, so what follows does not depend on timing.
     */
    static RecordingOutput holdingPartialLines(String cell) {
        System.setProperty(WholeLines.HOLD_PROPERTY, "600000");
        try {
            RecordingOutput out = new RecordingOutput();
            ok(cell, out);
            return out;
        } finally {
            System.clearProperty(WholeLines.HOLD_PROPERTY);
        }
    }

    @Test
    void threadsPrintingPiecesOfLinesDoNotCutIntoEachOthersLines() {
        RecordingOutput out = holdingPartialLines("""
                var aPrinted = new CountDownLatch(1);
                var cPrinted = new CountDownLatch(1);
                Thread first = new Thread(() -> {
                    System.out.print("a");
                    aPrinted.countDown();
                    try { cPrinted.await(); } catch (InterruptedException e) { return; }
                    System.out.print("b\\n");
                });
                Thread second = new Thread(() -> {
                    try { aPrinted.await(); } catch (InterruptedException e) { return; }
                    System.out.print("c");
                    System.out.printf("d%n");
                    cPrinted.countDown();
                });
                first.start(); second.start();
                first.join(); second.join();
                """);
        assertEquals("cd\nab\n", out.stdout());
    }

    @Test
    void twoThreadsPrintingAThenBInLoopsGiveOnlyWholeLines() {
        RecordingOutput out = holdingPartialLines("""
                var together = new CyclicBarrier(2);
                Runnable ab = () -> {
                    try { together.await(); } catch (Exception e) { return; }
                    for (int i = 0; i < 20_000; i++) { System.out.print("a"); System.out.print("b\\n"); }
                };
                Thread one = new Thread(ab), two = new Thread(ab);
                one.start(); two.start();
                one.join(); two.join();
                """);
        String[] got = out.stdout().split("\n", -1);
        assertEquals(40_001, got.length, "40000 lines and nothing after the last newline");
        for (int i = 0; i < 40_000; i++) assertEquals("ab", got[i], "line " + i);
    }

    @Test
    void aPartialLineIsFlushedByFlushAndAtTheCellsEnd() {
        RecordingOutput out = holdingPartialLines("""
                System.out.print("x");
                System.out.flush();
                Thread t = new Thread(() -> System.out.println("y"));
                t.start(); t.join();
                System.out.print("tail without a newline");
                System.err.print("and on stderr");
                """);
        assertEquals("xy\ntail without a newline", out.stdout());
        assertEquals("and on stderr", out.stderr());
    }

    @Test
    void aPromptPrintedWithoutANewlineComesBeforeTheInputRequest() {
        System.setProperty(WholeLines.HOLD_PROPERTY, "600000");
        try {
            RecordingOutput out = new RecordingOutput();
            out.answer("Ada");
            out.answer("again");
            ok("System.out.print(\"Name: \");\nString who = new Scanner(System.in).nextLine();\n"
                    + "System.out.print(\"Hi \" + who + \". Again: \");\ninput(\"\");", out);
            assertEquals(List.of("Name: ", "Name: Hi Ada. Again: "), out.stdoutAtPrompts);
        } finally {
            System.clearProperty(WholeLines.HOLD_PROPERTY);
        }
    }

    @Test
    void aChildsPartialLineWaitsForItsEndAndGoesWhenTheChildEnds() {
        RecordingOutput out = holdingPartialLines("""
                var printed = new io.procbook.mp.Event();
                var go = new io.procbook.mp.Event();
                var child = new io.procbook.mp.Process(() -> {
                    System.out.print("a");
                    System.out.flush();
                    printed.set();
                    go.await();
                    System.out.print("b\\nlast words");
                });
                child.start();
                printed.await();
                System.out.println("parent line");
                go.set();
                child.join();
                System.out.println("|after the join");
                printed.close();
                go.close();
                """);
        assertEquals("parent line\nab\nlast words|after the join\n", out.stdout());
    }

    @Test
    void userExpressionOutputGoesNowhere() {
        ExecuteOutcome o = engine.evaluateExpression("String.valueOf(System.out.printf(\"loud%n\") != null)");
        assertEquals("\"true\"", o.result().get("text/plain"));
        assertFalse(processOut.toString(StandardCharsets.UTF_8).contains("loud"));
    }
}
