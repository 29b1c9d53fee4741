package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A syntax error anywhere in a cell runs none of it; a type error stops the cell where it is found. */
class CellSyntaxTest extends SharedEngine {

    private static ExecuteOutcome run(String code, RecordingOutput out) {
        return engine.execute(code, out, false);
    }

    private static ExecuteOutcome run(String code) {
        return run(code, new RecordingOutput());
    }

    /** Whether the name is declared in the session (a cell that only names it compiles). */
    private static boolean defined(String name) {
        return "ok".equals(run(name + ";").status());
    }

    @Test
    void aSyntaxErrorOnLineTwoRunsNothingOfTheCell() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("int zz = 5;\nint q = ;\nSystem.out.println(\"after\");", out);
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        assertEquals("illegal start of expression", o.evalue());
        assertEquals(List.of("line 2: illegal start of expression", "    int q = ;", "            ^"), o.traceback());
        assertFalse(defined("zz"), "line 1 did not run");
        assertEquals("", out.stdout());
    }

    @Test
    void nothingPrintsOrIsDeclaredBeforeASyntaxErrorFarDown() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("""
                System.out.println("first");
                int helperNeverDeclared(int x) {
                    return x + 1;
                }
                class NeverDeclared { }
                void broken() {
                    int y = 1 +* 2;
                }
                """, out);
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        assertEquals("", out.stdout(), "the first line did not run");
        assertTrue(o.traceback().get(0).startsWith("line 7: illegal start of expression"), o.traceback()::toString);
        assertEquals("        int y = 1 +* 2;", o.traceback().get(1));
        assertEquals("    " + " ".repeat("    int y = 1 +".length()) + "^", o.traceback().get(2));
        assertFalse(defined("helperNeverDeclared(1)"));
        assertFalse(defined("new NeverDeclared()"));
    }

    @Test
    void anUnclosedBracketInTheLastSnippetRunsNothing() {
        ExecuteOutcome o = run("int ok1 = 1;\nint broken = (1 + 2");
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        assertEquals("line 2: ')' expected", o.traceback().get(0));
        assertFalse(defined("ok1"));
        ExecuteOutcome stray = run("int ok2 = 1;\nint s = 1);");
        assertEquals(JShellEngine.COMPILE_ERROR, stray.ename());
        assertTrue(stray.traceback().get(0).startsWith("line 2: "), stray.traceback()::toString);
        assertFalse(defined("ok2"));
    }

    @Test
    void aTypeErrorInSnippetTwoIsReportedWithWhatSnippetOneDid() {
        // Snippet 2's names are known only once snippet 1 ran: a type error cannot be found before.
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("int tz = 5;\nSystem.out.println(\"one\");\nString s = tz;", out);
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        assertTrue(o.traceback().get(0).startsWith("line 3: incompatible types"), o.traceback()::toString);
        assertEquals("one\n", out.stdout());
        assertTrue(defined("tz"));
    }

    @Test
    void laterSnippetsMayUseWhatEarlierOnesDeclare() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("""
                record Pt(int x, int y) { }
                int norm1(Pt p) { return Math.abs(p.x()) + Math.abs(p.y()); }
                var pts = List.of(new Pt(1, -2), new Pt(3, 4));
                System.out.println(pts.size()); // a comment after the last semicolon
                pts.stream().mapToInt(this_is_not_a_problem -> norm1(this_is_not_a_problem)).sum() // total
                """, out);
        assertEquals("ok", o.status(), () -> String.join("\n", o.traceback()));
        assertEquals("10", o.result().get("text/plain"));
        assertEquals("2\n", out.stdout());
    }

    @Test
    void compileErrorsNameNoEmptyLocation() {
        ExecuteOutcome o = run("int a9 = 1;\nundefinedVariable + a9");
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        String all = String.join("\n", o.traceback());
        assertTrue(all.contains("symbol:   variable undefinedVariable"), all);
        assertFalse(all.contains("location: class"), all);
    }

    @Test
    void aMagicCellWithASyntaxErrorRunsNeitherItsJavaNorItsMagics() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("System.out.println(\"java before\");\n%time System.out.println(\"timed\")\n"
                + "int m = ;", out);
        assertEquals(JShellEngine.COMPILE_ERROR, o.ename());
        assertEquals(List.of("line 3: illegal start of expression", "    int m = ;", "            ^"), o.traceback());
        assertEquals("", out.stdout());
    }
}
