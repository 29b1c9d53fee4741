package io.procbook.shell;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SyntaxCheckTest {

    @Test
    void statementsMembersAndImportsParse() {
        assertTrue(SyntaxCheck.parses("int x = 1;"));
        assertTrue(SyntaxCheck.parses("var y = undefinedName(2);"), "names are not resolved");
        assertTrue(SyntaxCheck.parses("if (a) { b(); }"));
        assertTrue(SyntaxCheck.parses("x + 1;"), "an expression statement Java rejects is a JShell snippet");
        assertTrue(SyntaxCheck.parses("int f(int x) { return switch (x) { default -> throw new RuntimeException(); }; }"));
        assertTrue(SyntaxCheck.parses("public static final int K = 3;"));
        assertTrue(SyntaxCheck.parses("non-sealed class Z extends S { }"));
        assertTrue(SyntaxCheck.parses("import java.util.concurrent.Semaphore;"));
        assertTrue(SyntaxCheck.parses("record R(int a) { R { if (a < 0) throw new IllegalArgumentException(); } }"));
    }

    @Test
    void syntaxErrorsAndPartsDoNot() {
        assertFalse(SyntaxCheck.parses("int x = ;"));
        assertFalse(SyntaxCheck.parses("try { }"));
        assertFalse(SyntaxCheck.parses("do { }"));
        assertFalse(SyntaxCheck.parses("int[] a = {1}"), "a declaration needs its semicolon");
        assertFalse(SyntaxCheck.parses("void f() {"));
        assertFalse(SyntaxCheck.parses("} else {"));
        assertFalse(SyntaxCheck.parses("class A { } }"), "a stray closing brace does not close the wrapper");
    }

    @Test
    void theErrorIsJavacsFirstInTheFormThatReadFurthest() {
        var errors = SyntaxCheck.errors(java.util.List.of("int x = ;", "void f() {\n  int y = ;\n}", "int ok = 1;",
                "int b = (1 + 2", "int c = 1);", "} void g() {"));
        assertEquals(new SyntaxCheck.SyntaxError(8, 8, 8, "illegal start of expression"), errors.get(0));
        assertEquals(21, errors.get(1).position(), "read as a member, the method fails inside its body");
        assertNull(errors.get(2));
        assertEquals(new SyntaxCheck.SyntaxError(14, 14, 14, "')' expected"), errors.get(3), "at the end of the text");
        assertEquals(new SyntaxCheck.SyntaxError(9, 9, 9, "';' expected"), errors.get(4));
        // Read as a method body, this closes the wrapper's method and opens another: no error but the bracket.
        assertEquals(new SyntaxCheck.SyntaxError(0, 0, 1, "'}' closes nothing"), errors.get(5));
    }
}
