package io.procbook.shell;

import io.procbook.shell.Engine.ExecuteOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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

    @Test
    void userExpressionOutputGoesNowhere() {
        ExecuteOutcome o = engine.evaluateExpression("String.valueOf(System.out.printf(\"loud%n\") != null)");
        assertEquals("\"true\"", o.result().get("text/plain"));
        assertFalse(processOut.toString(StandardCharsets.UTF_8).contains("loud"));
    }
}
