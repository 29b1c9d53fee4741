package io.procbook.shell;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PieceTest {

    static JShell js;
    static SourceCodeAnalysis sca;

    @BeforeAll
    static void start() {
        js = JShell.builder().executionEngine("local").build();
        sca = js.sourceCodeAnalysis();
    }

    @AfterAll
    static void stop() {
        js.close();
    }

    static List<String> sources(String cell) {
        return Piece.split(sca, cell).stream().map(Piece::source).toList();
    }

    @Test
    void statementsMethodsClassesAndATrailingExpression() {
        String cell = "int x = 1; int y = 2;\nint f(int a) {\n  return a + x;\n}\nclass C { int v = 3; }\n\nf(y) + new C().v";
        List<Piece> pieces = Piece.split(sca, cell);
        assertEquals(List.of("int x = 1;", "int y = 2;", "int f(int a) {\n  return a + x;\n}", "class C { int v = 3; }",
                "f(y) + new C().v"), pieces.stream().map(p -> p.source().strip()).toList());
        for (Piece p : pieces) {
            String typed = p.source().endsWith(";") && p.completeness() == Completeness.COMPLETE_WITH_SEMI
                    ? p.source().substring(0, p.source().length() - 1) : p.source();
            assertTrue(cell.startsWith(typed, p.start()), "piece starts where its text is: " + p);
        }
        assertTrue(pieces.get(4).endsWithoutSemicolon());
        assertFalse(pieces.get(0).endsWithoutSemicolon());
    }

    @Test
    void commentsAndBlankCells() {
        assertEquals(List.of(), sources(""));
        assertEquals(List.of(), sources("   \n\t"));
        assertEquals(List.of(), sources("// just a comment\n/* and another */"));
        List<Piece> p = Piece.split(sca, "int a = 1; // trailing\n// between\na /* value */ // end");
        assertEquals(2, p.size());
        assertTrue(p.get(1).endsWithoutSemicolon());
        assertFalse(Piece.split(sca, "a; // done").get(0).endsWithoutSemicolon());
    }

    @Test
    void incompleteAndInvalidTextIsKeptForItsDiagnostics() {
        List<Piece> p = Piece.split(sca, "int a = 1;\nvoid f() {");
        assertEquals(2, p.size());
        assertEquals("void f() {", p.get(1).source());
        assertEquals(Completeness.DEFINITELY_INCOMPLETE, p.get(1).completeness());
        assertEquals(Completeness.UNKNOWN, Piece.split(sca, "String s = \"abc").get(0).completeness());
    }

    @Test
    void lastCodeCharSkipsCommentsAndLiterals() {
        assertEquals(';', Piece.lastCodeChar("x; // y"));
        assertEquals('x', Piece.lastCodeChar("x /* ; */"));
        assertEquals('"', Piece.lastCodeChar("s + \";\""));
        assertEquals('"', Piece.lastCodeChar("\"\"\"\n  a;\n  \"\"\""));
        assertEquals(0, Piece.lastCodeChar("  // only"));
    }

    @Test
    void bracketsPairUpOutsideLiteralsAndComments() {
        assertTrue(CodeChars.balanced("f(a[1], () -> { g(); })"));
        assertTrue(CodeChars.balanced("s = \"(\" + ')' + 1; // {"));
        // An escaped delimiter does not end a text block: the bracket after it is still in the block.
        assertTrue(CodeChars.balanced("t = \"\"\"\n  \\\"\"\" (\n  \"\"\";"));
        assertFalse(CodeChars.balanced("void f() {"));
        assertFalse(CodeChars.balanced(") ("));
    }

    @Test
    void currentSnippetStartForCompletion() {
        String prefix = "int a = 1;\nSystem.out.pr";
        assertEquals(prefix.indexOf("\nSystem"), Piece.currentStart(sca, prefix));
        assertEquals(0, Piece.currentStart(sca, "void f() { int z = 1; z."));
    }

    /** The pieces of a cell, stripped, each checked to start where its text is in the cell. */
    static List<String> stripped(String cell) {
        List<Piece> pieces = Piece.split(sca, cell);
        for (Piece p : pieces) {
            String typed = p.completeness() == Completeness.COMPLETE_WITH_SEMI && p.source().endsWith(";")
                    ? p.source().substring(0, p.source().length() - 1) : p.source();
            assertTrue(cell.startsWith(typed, p.start()), "piece starts where its text is: " + p);
        }
        return pieces.stream().map(p -> p.source().strip()).toList();
    }

    // JDK 17's analyzeCompletion answers UNKNOWN for the whole rest of a cell after a switch arm that throws or a
    // non-sealed class; JShell then compiled the rest as one snippet ("<identifier> expected").

    @Test
    void switchArmThatThrowsInsideAMethodEndsTheMethodOnly() {
        String method = "int f(int x) {\n  return switch (x) {\n    case 1 -> 10;\n    default -> throw new IllegalArgumentException();\n  };\n}";
        assertEquals(List.of(method, "int y = f(1);", "System.out.println(y);", "y"),
                stripped(method + "\nint y = f(1);\nSystem.out.println(y);\ny"));
        String statement = "class Calc {\n  int eval(String op, int a, int b) {\n    int r = 0;\n    switch (op) {\n"
                + "      case \"+\" -> r = a + b;\n      default -> throw new IllegalArgumentException(op);\n    }\n"
                + "    return r;\n  }\n}";
        assertEquals(List.of(statement, "System.out.println(new Calc().eval(\"+\", 1, 2));"),
                stripped(statement + "\nSystem.out.println(new Calc().eval(\"+\", 1, 2));"));
    }

    @Test
    void throwingArmsInLambdasEnumsAndAnonymousClasses() {
        assertEquals(List.of("Function<Integer, String> k = x -> switch (x) { case 1 -> \"one\"; default -> throw new RuntimeException(); };",
                "k.apply(1)"), stripped("Function<Integer, String> k = x -> switch (x) { case 1 -> \"one\"; default -> throw new RuntimeException(); };\nk.apply(1)"));
        assertEquals(List.of("enum E { A, B; int v() { return switch (this) { case A -> 1; case B -> throw new RuntimeException(); }; } }",
                "E.A.v()"), stripped("enum E { A, B; int v() { return switch (this) { case A -> 1; case B -> throw new RuntimeException(); }; } }\nE.A.v()"));
        assertEquals(List.of("var r = new Runnable() { public void run() { switch (1) { default -> throw new RuntimeException(); } } };", "1"),
                stripped("var r = new Runnable() { public void run() { switch (1) { default -> throw new RuntimeException(); } } };\n1"));
    }

    @Test
    void nonSealedClassIsItsOwnSnippet() {
        assertEquals(List.of("sealed interface S permits Z {}", "non-sealed class Z implements S {}", "new Z()"),
                stripped("sealed interface S permits Z {}\nnon-sealed class Z implements S {}\nnew Z()"));
    }

    @Test
    void afterAThrowingArmIfElseAndTryCatchFinallyStayWhole() {
        String m = "void g(int x) { switch (x) { case 1 -> System.out.println(); default -> throw new IllegalStateException(); } }";
        String ifElse = "if (true) { g(1); } else { g(2); }";
        String ifElseBare = "if (false) g(1); else g(2);";
        String tryAll = "try { g(2); } catch (IllegalStateException e) { } finally { System.out.println(\"f\"); }";
        assertEquals(List.of(m, ifElse, ifElseBare, tryAll, "int z = 1;"),
                stripped(m + "\n" + ifElse + "\n" + ifElseBare + "\n" + tryAll + "\nint z = 1;"));
    }

    @Test
    void aFinalSnippetWithoutItsSemicolonAfterAThrowingArmGetsOne() {
        List<Piece> p = Piece.split(sca, "int k = switch (2) { case 1 -> 3; default -> throw new RuntimeException(); }");
        assertEquals(1, p.size());
        assertEquals(Completeness.COMPLETE_WITH_SEMI, p.get(0).completeness());
        assertEquals("int k = switch (2) { case 1 -> 3; default -> throw new RuntimeException(); };", p.get(0).source());
        // An expression keeps no semicolon: it is the cell's value.
        List<Piece> e = Piece.split(sca, "switch (2) { case 1 -> 3; default -> throw new RuntimeException(); } // last");
        assertEquals(1, e.size());
        assertTrue(e.get(0).endsWithoutSemicolon());
    }

    @Test
    void anErrorAfterAThrowingArmIsLeftForJShellToReport() {
        String m = "int f(int x) { return switch (x) { case 1 -> 2; default -> throw new RuntimeException(); }; }";
        List<Piece> p = Piece.split(sca, m + "\nint bad = ;\nint fine = 1;");
        assertEquals(2, p.size());
        assertEquals(m, p.get(0).source());
        assertEquals("int bad = ;\nint fine = 1;", p.get(1).source());
        assertEquals(Completeness.UNKNOWN, p.get(1).completeness());
        // Unclosed: incomplete, so a console offers another line.
        List<Piece> open = Piece.split(sca, "void h(int x) {\n  switch (x) { default -> throw new RuntimeException(); }");
        assertEquals(1, open.size());
        assertEquals(Completeness.DEFINITELY_INCOMPLETE, open.get(0).completeness());
    }

    @Test
    void currentSnippetStartAfterAThrowingArm() {
        String prefix = "void g(int x) { switch (x) { default -> throw new IllegalStateException(); } }\nSystem.out.pr";
        assertEquals(prefix.indexOf("\nSystem"), Piece.currentStart(sca, prefix));
    }

    @Test
    void constructsJShellSplitsRightStaySo() {
        // Text blocks with brackets and an escaped delimiter, compact constructors, sealed/permits, annotations with
        // array values, generic methods, lambdas with switch, labels, char literals of brackets.
        String textBlock = "String t = \"\"\"\n    {{ a \\\"\"\" (( ;\n    \"\"\";";
        String record = "record Range(int lo, int hi) {\n  Range {\n    if (lo > hi) throw new IllegalArgumentException(\"lo > hi\");\n  }\n}";
        String sealed = "sealed interface Shape permits Sq, Ci { }";
        String annotation = "@interface Tag { String value() default \"x\"; int[] n() default {1, 2}; }";
        String annotated = "@Tag(value = \"y\", n = {3})\nfinal class Sq implements Shape { }";
        String generic = "static <T extends Comparable<T>> T max(List<T> xs) { return Collections.max(xs); }";
        String lambda = "Function<Integer, Integer> f = x -> switch (x) { case 1 -> { yield 2; } default -> { yield 3; } };";
        String labelled = "outer:\nfor (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) { if (j == 1) continue outer; } }";
        String chars = "char c = '}';";
        List<String> all = List.of(textBlock, record, sealed, annotation, annotated, "final class Ci implements Shape { }",
                generic, lambda, labelled, chars, "max(List.of(f.apply(1), t.length()))");
        assertEquals(all, stripped(String.join("\n", all)));
    }
}
