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
    void currentSnippetStartForCompletion() {
        String prefix = "int a = 1;\nSystem.out.pr";
        assertEquals(prefix.indexOf("\nSystem"), Piece.currentStart(sca, prefix));
        assertEquals(0, Piece.currentStart(sca, "void f() { int z = 1; z."));
    }
}
