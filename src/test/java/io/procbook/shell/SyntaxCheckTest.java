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
}
