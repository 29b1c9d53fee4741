package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import io.procbook.shell.api.Engine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JShellEngineTest extends SharedEngine {

    static ExecuteOutcome run(String code, RecordingOutput out) {
        return engine.execute(code, out, false);
    }

    static ExecuteOutcome run(String code) {
        return run(code, new RecordingOutput());
    }

    static String plain(ExecuteOutcome o) {
        assertEquals("ok", o.status(), () -> "failed: " + o.ename() + ": " + o.evalue() + "\n" + String.join("\n", o.traceback()));
        return o.result() == null ? null : (String) o.result().get("text/plain");
    }

    @Test
    void lastExpressionIsTheResult() {
        assertEquals("42", plain(run("int a = 6;\nint b = 7;\na * b")));
        assertEquals("\"hi\"", plain(run("\"hi\"")));
        assertEquals("[1, 2]", plain(run("var l = new ArrayList<Integer>(List.of(1));\nl.add(2);\nl")));
        assertEquals("int[3] { 1, 2, 3 }", plain(run("new int[] {1, 2, 3}")));
    }

    @Test
    void semicolonDeclarationsAndVoidShowNothing() {
        assertNull(plain(run("1 + 1;")));
        assertNull(plain(run("int z9 = 5")));
        assertNull(plain(run("System.out.print(\"\")")));
        assertEquals("5", plain(run("z9")));
    }

    @Test
    void silentShowsNoResult() {
        ExecuteOutcome o = engine.execute("40 + 2", new RecordingOutput(), true);
        assertEquals("ok", o.status());
        assertNull(o.result());
    }

    @Test
    void multiSnippetCellWithMethodsClassesCommentsAndPrints() {
        RecordingOutput out = new RecordingOutput();
        String cell = """
                // a comment first
                int twice(int x) { return 2 * x; }   // trailing comment
                /* block */ record Point(int x, int y) { }
                class Counter { int n; void inc() { n++; } }
                var c = new Counter(); c.inc(); c.inc();
                System.out.println("n=" + c.n);
                new Point(twice(c.n), 1)
                // and a comment last
                """;
        assertEquals("Point[x=4, y=1]", plain(run(cell, out)));
        assertEquals("n=2\n", out.stdout());
    }

    /**
     * A branch that merges two cell-defined types: from JDK 24 on, JShell's weaving of stop checks cannot
     * compute such a method's stack map and the load failed ("Could not resolve class"); the class now loads
     * unwoven (UnwovenLoad). The README's test command runs this on the newest JDK too.
     */
    @Test
    void aConditionalOfTwoCellClassesRuns() {
        run("class Dog9 { public String toString() { return \"dog\"; } }\nclass Cat9 { }");
        assertEquals("dog", plain(run("boolean isDog = true;\nvar pet = isDog ? new Dog9() : new Cat9();\npet.toString()"))
                .replace("\"", ""));
    }

    @Test
    void emptyAndCommentOnlyCellsAreOk() {
        assertNull(plain(run("")));
        assertNull(plain(run("  \n// nothing here\n/* nor here */\n")));
    }

    @Test
    void compileErrorShowsTheLineAndACaret() {
        ExecuteOutcome o = run("int fine = 1;\nint bad = \"text\";\nfine = 2;");
        assertEquals("error", o.status());
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        assertTrue(o.evalue().contains("incompatible types"), o.evalue());
        List<String> tb = o.traceback();
        assertTrue(tb.get(0).startsWith("line 2: incompatible types"), tb.get(0));
        assertEquals("    int bad = \"text\";", tb.get(1));
        assertEquals("    " + " ".repeat("int bad = ".length()) + "^~~~~~", tb.get(2));
    }

    @Test
    void unfinishedCodeIsACompileErrorAtItsEnd() {
        ExecuteOutcome o = run("int ok1 = 1;\nint broken = (1 + 2");
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        assertTrue(o.traceback().get(0).startsWith("line 2: "), o.traceback().toString());
        assertEquals("    int broken = (1 + 2", o.traceback().get(1));
        assertTrue(o.traceback().get(2).endsWith("^"), o.traceback().toString());
    }

    @Test
    void failingSnippetStopsTheRestOfTheCell() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("System.out.println(\"before\");\nint q1 = Integer.parseInt(\"x\");\nSystem.out.println(\"after\");", out);
        assertEquals("error", o.status());
        assertEquals("NumberFormatException", o.ename());
        assertEquals("before\n", out.stdout());
        // The failed declaration's variable exists (JShell keeps it) but the line after did not run.
        ExecuteOutcome compile = run("System.out.println(\"a\");\nundefinedCall();\nSystem.out.println(\"b\");", out);
        assertEquals(JShellEngine.COMPILE_ERROR, compile.ename());
        assertEquals("before\na\n", out.stdout());
    }

    @Test
    void runtimeExceptionTracebackHasCellLinesAndNoWrapperFrames() {
        assertEquals("ok", run("""
                String greet(String who) {
                    if (who.isEmpty()) throw new IllegalArgumentException("nobody", new IllegalStateException("root"));
                    return "hi " + who;
                }""").status());
        ExecuteOutcome o = run("int n = 1;\nRunnable r = () -> greet(\"\");\nr.run();");
        assertEquals("error", o.status());
        assertEquals("IllegalArgumentException", o.ename());
        assertEquals("nobody", o.evalue());
        List<String> tb = o.traceback();
        String all = String.join("\n", tb);
        assertEquals("java.lang.IllegalArgumentException: nobody", tb.get(0));
        assertTrue(tb.get(1).startsWith("    at greet (earlier cell, line 2: if (who.isEmpty())"), all);
        assertTrue(all.contains("    at lambda (line 2)"), all);
        assertTrue(all.contains("    at <cell> (line 3)"), all);
        assertTrue(all.contains("Caused by: java.lang.IllegalStateException: root"), all);
        assertFalse(all.contains("$JShell$"), all);
        assertFalse(all.contains("do_it$"), all);
        assertFalse(all.contains("jdk.internal.reflect"), all);
    }

    @Test
    void aBackgroundThreadsExceptionNamesCellLines() {
        assertEquals("ok", run("int half(int x) {\n    if (x == 0) throw new IllegalStateException(\"zero\");\n"
                + "    return x / 2;\n}").status());
        RecordingOutput out = new RecordingOutput();
        assertEquals("ok", run("var t = new Thread(() -> half(0), \"bg\");\nt.start();\nt.join();", out).status());
        assertTrue(out.stderr().startsWith("""
                Exception in thread "bg" java.lang.IllegalStateException: zero
                    at half (earlier cell, line 2: if (x == 0) throw new IllegalStateException("zero");)
                    at lambda (line 1)
                """), out.stderr());
    }

    @Test
    void methodAndLambdaDefinedInSeparateSnippetsWorkInALaterCell() {
        assertEquals("ok", run("int square(int x) { return x * x; }").status());
        assertEquals("ok", run("java.util.function.IntUnaryOperator plusOne = x -> square(x) + 1;").status());
        assertEquals("26", plain(run("plusOne.applyAsInt(5)")));
        // Redefinition: the latest definition wins for calls compiled from now on.
        assertEquals("ok", run("int square(int x) { return x * x * x; }").status());
        assertEquals("125", plain(run("square(5)")));
    }

    @Test
    void expressionTemporariesDoNotPileUp() throws Exception {
        // JShell's $N variables would make every later compilation slower; the engine drops them once shown.
        var js = engine.jshell();
        long before = js.variables().count();
        for (int i = 0; i < 5; i++) assertEquals(String.valueOf(i * 2), plain(run(i + " * 2")));
        assertEquals("ok", run("List.of(1, 2).size();\nString.valueOf(3)").status());
        assertEquals(before, js.variables().count());
        assertEquals("ok", run("int keptVariable = 4;").status());
        assertEquals(before + 1, js.variables().count());
    }

    @Test
    void aMethodWithASwitchArmThatThrowsIsFollowedByMoreSnippets() {
        // JDK 17's JShell analysis cannot split after `default -> throw ...;`: the rest of the cell failed to compile.
        RecordingOutput out = new RecordingOutput();
        String cell = """
                int arm(int x) {
                  return switch (x) {
                    case 1 -> 10;
                    default -> throw new IllegalArgumentException("no " + x);
                  };
                }
                System.out.println(arm(1));
                arm(1) + 1
                """;
        assertEquals("11", plain(run(cell, out)));
        assertEquals("10\n", out.stdout());
        ExecuteOutcome thrown = run("arm(2)");
        assertEquals("IllegalArgumentException", thrown.ename());
        assertEquals("no 2", thrown.evalue());
        assertEquals(new Engine.Completeness("complete", ""), engine.isComplete(cell));
    }

    @Test
    void aCellMayDeclareATypeNamedLikeARuntimeType() {
        // The runtime library is imported on demand: a cell's own Pool shadows it instead of clashing with it.
        assertEquals("ok", run("class Pool { int size = 3; }").status());
        assertEquals("3", plain(run("new Pool().size")));
        assertEquals("\"io.procbook.mp.Process\"", plain(run("Process.class.getName()")));
    }

    @Test
    void cellThreadsSeeCellClassesThroughTheContextLoader() {
        assertEquals("ok", run("class Marker { }").status());
        assertEquals("true", plain(run("Thread.currentThread().getContextClassLoader() == Marker.class.getClassLoader()")));
    }

    @Test
    void unresolvedDependencyIsNotedOnStderr() {
        RecordingOutput out = new RecordingOutput();
        assertEquals("ok", run("void later() { notYetDefined(); }", out).status());
        assertTrue(out.stderr().contains("method later was declared, but cannot be used until method notYetDefined() is declared"),
                out.stderr());
        assertEquals("ok", run("void notYetDefined() { System.out.println(\"now\"); }").status());
        RecordingOutput out2 = new RecordingOutput();
        assertEquals("ok", run("later();", out2).status());
        assertEquals("now\n", out2.stdout());
    }

    @Test
    void systemInAndInputReadLinesFromTheFrontEnd() {
        RecordingOutput out = new RecordingOutput();
        out.answer("Ada");
        out.answer("42 17");
        assertEquals("\"hello Ada\"", plain(run("String who = input(\"name? \");\n\"hello \" + who", out)));
        assertEquals("59", plain(run("var sc = new Scanner(System.in);\nsc.nextInt() + sc.nextInt()", out)));
        assertEquals(List.of("name? ", ""), out.prompts);
    }

    @Test
    void inputWithoutStdinIsAClearError() {
        ExecuteOutcome o = run("input(\"x? \")", new RecordingOutput(false));
        assertEquals("IllegalStateException", o.ename());
        assertTrue(o.evalue().contains("allow_stdin"), o.evalue());
    }

    @Test
    void displayUpdateAndClearGoToTheCell() {
        RecordingOutput out = new RecordingOutput();
        assertEquals("ok", run("""
                var h = display(MimeBundle.builder().html("<b>1</b>").text("1").build());
                h.update(2);
                clearOutput(true);
                """, out).status());
        assertEquals(2, out.displays.size());
        RecordingOutput.Shown first = out.displays.get(0);
        RecordingOutput.Shown second = out.displays.get(1);
        assertEquals("<b>1</b>", first.data().get("text/html"));
        assertFalse(first.update());
        assertNotNull(first.displayId());
        assertEquals(first.displayId(), second.displayId());
        assertTrue(second.update());
        assertEquals("2", second.data().get("text/plain"));
        assertEquals(List.of(true), out.clears);
        RecordingOutput last = new RecordingOutput();
        assertNull(plain(run("display(\"shown once\")", last)), "a display call is not also the cell's result");
        assertEquals(1, last.displays.size());
    }

    @Test
    void imageResultIsPng() {
        ExecuteOutcome o = run("new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        assertEquals("ok", o.status());
        assertTrue(o.result().containsKey("image/png"), o.result().keySet().toString());
        assertEquals("BufferedImage 4x3", o.result().get("text/plain"));
    }

    @Test
    void userExpressionsEvaluateWithoutPrintingOrLeavingVariables() {
        assertEquals("ok", run("int ue = 20;").status());
        ExecuteOutcome o = engine.evaluateExpression("ue * 2 + 2");
        assertEquals("42", o.result().get("text/plain"));
        ExecuteOutcome bad = engine.evaluateExpression("ue.foo()");
        assertEquals("error", bad.status());
        int tempVars = engine.complete("$", 1).matches().size();
        ExecuteOutcome printed = engine.evaluateExpression("String.valueOf(System.out.printf(\"loud%n\") != null)");
        assertEquals("\"true\"", printed.result().get("text/plain"));
        // The temporary $N of a user expression is dropped again.
        assertEquals(tempVars, engine.complete("$", 1).matches().size());
    }

    @Test
    void completionConvertsCodePointOffsets() {
        String code = "int before = 1;\n\"😀😀\".subs";
        int cursorCp = code.codePointCount(0, code.length());
        Engine.Completion c = engine.complete(code, cursorCp);
        assertTrue(c.matches().contains("substring("), c.matches().toString());
        assertEquals(cursorCp - "subs".length(), c.cursorStart());
        assertEquals(cursorCp, c.cursorEnd());
        assertEquals(c.matches().size(), c.matches().stream().distinct().count());
    }

    @Test
    void completionInALaterSnippetOfTheCell() {
        String code = "int aa = 1;\nSystem.out.prin";
        Engine.Completion c = engine.complete(code, code.length());
        assertTrue(c.matches().contains("println("), c.matches().toString());
        assertEquals(code.length() - "prin".length(), c.cursorStart());
    }

    @Test
    void inspectFindsJdkAndUserSymbols() {
        Engine.Inspection s = engine.inspect("String", 3, 0);
        assertTrue(s.found());
        assertTrue(((String) s.data().get("text/plain")).contains("java.lang.String"));
        String println = "System.out.println";
        Engine.Inspection p = engine.inspect(println, println.length(), 0);
        assertTrue(p.found());
        assertTrue(((String) p.data().get("text/plain")).contains("println"));
        assertEquals("ok", run("/** Says hello. */ String hello(String who) { return \"hello \" + who; }").status());
        Engine.Inspection u = engine.inspect("hello(\"x\")", 2, 0);
        assertTrue(u.found());
        assertTrue(((String) u.data().get("text/plain")).contains("String hello(String who)"), u.data().toString());
        assertFalse(engine.inspect("  ", 1, 0).found());
    }

    @Test
    void isCompleteCases() {
        assertEquals(new Engine.Completeness("complete", ""), engine.isComplete("int x = 1;"));
        assertEquals(new Engine.Completeness("complete", ""), engine.isComplete("1 + 1"));
        assertEquals(new Engine.Completeness("complete", ""), engine.isComplete("int a = 1; int b = 2;"));
        assertEquals(new Engine.Completeness("incomplete", "    "), engine.isComplete("void f() {"));
        assertEquals(new Engine.Completeness("incomplete", "        "), engine.isComplete("void f() {\n  if (true) {"));
        assertEquals("incomplete", engine.isComplete("int a = 1; for (int i = 0;").status());
        assertEquals("invalid", engine.isComplete("String s = \"abc").status());
    }

    @Test
    void languageVersionIsTheRunningJdk() {
        assertEquals(System.getProperty("java.version"), engine.languageVersion());
    }
}
