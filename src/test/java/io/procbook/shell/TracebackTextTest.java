package io.procbook.shell;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The rewriting of the stack traces in a child's stderr, as text (no snippets known: see ChildTracebackTest). */
class TracebackTextTest {

    /** What ChildMain prints for a Process whose target threw, raw. */
    static final String PROCESS_FAILURE = """
            Process Process-1:
            java.lang.ArithmeticException: / by zero
            \tat procbook-notebook//REPL.$JShell$25.depth($JShell$25.java:7)
            \tat procbook-notebook//REPL.$JShell$26.lambda$do_it$Aux$622e402b$1($JShell$26.java:7)
            \tat io.procbook.mp.internal.lambda.RebuiltTask$NoArgs.run(RebuiltTask.java:46)
            \tat io.procbook.mp.Process.run(Process.java:208)
            \tat io.procbook.mp.Process$Entry.run(Process.java:727)
            \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
            \tat io.procbook.mp.internal.child.ChildMain.main(ChildMain.java:73)
            """;

    static final String PROCESS_FAILURE_SHOWN = """
            Process Process-1:
            java.lang.ArithmeticException: / by zero
                at depth (cell code)
                at lambda (cell code)
            """;

    private static String filter(String... pieces) {
        TracebackText t = new TracebackText(new SnippetOrigins(), 2);
        StringBuilder out = new StringBuilder();
        for (String p : pieces) out.append(t.write(p));
        return out.append(t.end()).toString();
    }

    @Test
    void runtimeAndReflectionFramesGoAndNotebookFramesAreNamedAsInTheCell() {
        assertEquals(PROCESS_FAILURE_SHOWN, filter(PROCESS_FAILURE));
    }

    @Test
    void aTraceCutAnywhereReadsTheSame() {
        for (int cut = 0; cut <= PROCESS_FAILURE.length(); cut++) {
            String a = PROCESS_FAILURE.substring(0, cut);
            String b = PROCESS_FAILURE.substring(cut);
            assertEquals(PROCESS_FAILURE_SHOWN, filter(a, b), "cut at " + cut);
        }
        StringBuilder oneByOne = new StringBuilder();
        TracebackText t = new TracebackText(new SnippetOrigins(), 2);
        for (char c : PROCESS_FAILURE.toCharArray()) oneByOne.append(t.write(String.valueOf(c)));
        assertEquals(PROCESS_FAILURE_SHOWN, oneByOne.append(t.end()).toString());
    }

    @Test
    void jdkAndLibraryFramesStayAndRuntimeApiFramesStayAboveTheNotebookCode() {
        String raw = """
                Exception in thread "worker" java.lang.IllegalStateException: no
                \tat io.procbook.mp.internal.shm.Ring.take(Ring.java:88)
                \tat io.procbook.mp.Queue.get(Queue.java:210)
                \tat procbook-notebook//com.example.lib.Client.call(Client.java:12)
                \tat procbook-notebook//REPL.$JShell$30.lambda$do_it$$0($JShell$30.java:9)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                """;
        assertEquals("""
                Exception in thread "worker" java.lang.IllegalStateException: no
                    at io.procbook.mp.Queue.get(Queue.java:210)
                    at com.example.lib.Client.call(Client.java:12)
                    at lambda (cell code)
                    at java.base/java.lang.Thread.run(Thread.java:840)
                """, filter(raw));
    }

    @Test
    void causesCountOnlyTheSharedFramesThatAreShownAndWrapperNamesGo() {
        String raw = """
                java.lang.RuntimeException: outer
                \tat procbook-notebook//REPL.$JShell$29.lambda$do_it$Aux$1($JShell$29.java:7)
                \tat io.procbook.mp.internal.lambda.RebuiltTask$NoArgs.run(RebuiltTask.java:46)
                \tat io.procbook.mp.internal.child.ChildMain.main(ChildMain.java:73)
                \tSuppressed: java.io.IOException: closing
                \t\tat java.base/java.io.FileInputStream.close(FileInputStream.java:1)
                \t\t... 3 more
                Caused by: REPL.$JShell$27$Bad: inner REPL.$JShell$27$Bad
                \t... 3 more
                Caused by: java.lang.ArithmeticException: / by zero
                \tat procbook-notebook//REPL.$JShell$25.depth($JShell$25.java:7)
                \tat io.procbook.mp.internal.child.ChildMain.main(ChildMain.java:73)
                \t... 2 more
                """;
        assertEquals("""
                java.lang.RuntimeException: outer
                    at lambda (cell code)
                    Suppressed: java.io.IOException: closing
                        at java.base/java.io.FileInputStream.close(FileInputStream.java:1)
                        ... 1 more
                Caused by: Bad: inner Bad
                    ... 1 more
                Caused by: java.lang.ArithmeticException: / by zero
                    at depth (cell code)
                """, filter(raw));
    }

    @Test
    void textThatIsNoStackTracePassesUnchanged() {
        String text = "plain\n\tat home\n  at (noon)\n   50%\r   60%\n... 3 more things\n\n  indented\n"
                + "the $JShell$ variable\nno newline at the end";
        assertEquals(text, filter(text));
        // Unchanged also when the text comes in pieces.
        assertEquals("a\tb\n", filter("a", "\tb\n"));
    }

    @Test
    void aPartialLineGoesAtOnceUnlessItMayBecomeAFrame() {
        TracebackText t = new TracebackText(new SnippetOrigins(), 1);
        assertEquals("progress: 10%", t.write("progress: 10%"));
        assertEquals("... 20%\n", t.write("... 20%\n"));
        assertEquals("", t.write("\tat java.base/java.lang.Thr"));
        assertEquals("", t.write("ead.run(Thread.ja"));
        assertEquals("    at java.base/java.lang.Thread.run(Thread.java:840)\nnext", t.write("va:840)\nnext"));
        assertEquals("\n", t.write("\n   "), "the line of \"next\" ends; blank space may become a frame");
        assertEquals("   ", t.end(), "the end of the stream lets the held text go");
    }

    @Test
    void aHeldLineThatGrowsTooLongGoesOnUnchanged() {
        TracebackText t = new TracebackText(new SnippetOrigins(), 1);
        String longFrame = "\tat " + "x".repeat(TracebackText.MAX_HELD_CHARS);
        assertEquals(longFrame, t.write(longFrame));
        assertEquals("(Y.java:1)\n", t.write("(Y.java:1)\n"), "the rest of that line passes too");
        assertEquals("", t.end());
    }

    @Test
    void endRewritesAFinalFrameWithoutNewline() {
        assertEquals("java.lang.Error\n    at java.base/java.lang.Thread.run(Thread.java:840)",
                filter("java.lang.Error\n\tat java.base/java.lang.Thread.run(Thread.java:840)"));
    }

    @Test
    void aFailureWhileRewritingLosesNothing() {
        TracebackText broken = new TracebackText(null, 1); // no origins: looking a notebook frame up fails
        assertEquals("java.lang.Error: x\n", broken.write("java.lang.Error: x\n\tat procbook-notebook//REPL.$JShell$1.f("));
        String rest = "$JShell$1.java:3)\nafter\n";
        assertEquals("\tat procbook-notebook//REPL.$JShell$1.f(" + rest, broken.write(rest), "held text and all");
        assertEquals("plain\n", broken.write("plain\n"), "and it goes on working");
    }

    /**
     * A child printing 200,000 ordinary lines must not be slowed: the filter costs a look at each line's first
     * character (measured at about 3 ms for the 200,000 lines in 64 K chunks on an idle machine; the bound is
     * generous for loaded CI machines).
     */
    @Test
    void ordinaryLinesPassQuickly() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) sb.append("line ").append(i).append(" of the child's ordinary output\n");
        String all = sb.toString();
        int chunk = 65536;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            TracebackText t = new TracebackText(new SnippetOrigins(), 1);
            StringBuilder out = new StringBuilder(all.length());
            long start = System.nanoTime();
            for (int i = 0; i < all.length(); i += chunk) out.append(t.write(all.substring(i, Math.min(all.length(), i + chunk))));
            out.append(t.end());
            best = Math.min(best, System.nanoTime() - start);
            assertEquals(all, out.toString());
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(best) < 500, "200,000 lines took " + best / 1_000_000 + " ms");
    }
}
