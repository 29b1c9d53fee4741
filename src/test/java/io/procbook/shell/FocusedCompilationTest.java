package io.procbook.shell;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Focused compilation changes nothing JShell reports: the same snippets, evaluated in a plain session and in a
 * focused one, give the same events (status, value, exception, signature change, dependants updated), the same
 * diagnostics at the same places, the same inferred types and unresolved names. The snippets are the cases where
 * a compilation needs more than the names its text shows: redefinitions and their dependants, forward references,
 * types JShell infers and writes into a wrapper itself, records, generics, overloads, drops, unicode escapes;
 * between them, filler declarations make the sessions long enough that a missing import would show.
 */
class FocusedCompilationTest {

    /** Filler cells between the cases (three snippets each); the plain session's cost grows with its square. */
    private static final int FILLER_CELLS = 60;

    private static JShell plain;
    private static JShell focusedShell;
    private static FocusedCompilation focused;
    private static int filler;

    @BeforeAll
    static void sessions() {
        plain = shell();
        focusedShell = shell();
        focused = FocusedCompilation.install(focusedShell);
        assertTrue(focused.isFocused(), () -> "not focused: " + focused.unfocusedReason());
        same("import java.util.*;");
        same("import static java.lang.Math.max;");
    }

    @AfterAll
    static void close() {
        plain.close();
        focusedShell.close();
    }

    private static JShell shell() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return JShell.builder().out(nowhere).err(nowhere)
                .executionEngine(new LocalExecutionControlProvider(), Map.of()).build();
    }

    @Test
    void redefinitionsReachTheirDependants() {
        same("int base() { return 1; }");
        same("int factor = 2;");
        fill();
        // A dependant compiled again needs its own names (factor), which the redefinition's text does not hold.
        same("int twice() { return base() * factor; }");
        same("twice()");
        fill();
        same("int base() { return 5; }");
        same("twice()");
        same("long base() { return 7L; }"); // twice no longer compiles: it becomes unusable
        same("twice()");
        same("int base() { return 8; }");
        same("twice()");
        same("int counter = 3;");
        same("int doubled = counter * 2;");
        same("int counter = 10;");
        same("doubled");
    }

    @Test
    void forwardReferencesResolveWhenTheNameArrives() {
        same("int useLater() { return later() + laterValue; }");
        same("useLater()");
        fill();
        same("int later() { return 40; }");
        same("int laterValue = 2;");
        same("useLater()");
        same("class Holder { LaterType held; }");
        same("class LaterType { int n = 4; }");
        same("new Holder().held == null");
    }

    @Test
    void inferredTypesNamedNowhereInTheCell() {
        same("record Point(int x, int y) { Point next() { return new Point(x + 1, y); } }");
        fill();
        same("Point origin() { return new Point(0, 0); }");
        fill();
        same("var o = origin();");
        same("var n = o.next();");
        same("n.x()");
        same("var pts = List.of(origin(), o.next());");
        same("pts.get(1).x()");
        same("class Animal { }");
        same("class Dog extends Animal { }");
        same("class Cat extends Animal { }");
        same("Dog dog() { return new Dog(); }");
        same("Cat cat() { return new Cat(); }");
        fill();
        // (Not a conditional: on JDK 25, JShell's own local engine fails to load a class whose code merges two
        // session types, "Could not resolve class $JShell$298$Dog", focused or not.)
        same("var pet = List.of(dog(), cat()).get(0);");
        same("pet.getClass().getSimpleName()");
        same("interface Named { default String name() { return getClass().getSimpleName(); } }");
        same("class Ship implements Named { }");
        same("class Plane implements Named { }");
        same("var craft = List.of(new Ship(), new Plane()).get(1);");
        same("craft.name()");
        same("class Outer { static class Inner { int v = 9; } }");
        same("Outer.Inner makeInner() { return new Outer.Inner(); }");
        same("var inner = makeInner();");
        same("inner.v");
        same("var anon = new Object() { int hidden = 3; };");
        same("anon.hidden");
        fill();
        same("var copyOfAnon = anon;"); // its type is the anonymous class, which only anon's import brings
        same("copyOfAnon.hidden + 1");
        // JShell turns the anonymous class into a member class whose constructor takes Point, by simple name.
        same("class Base { final Point at; Base(Point p) { at = p; } }");
        fill();
        same("var anon2 = new Base(origin()) { int extra = 1; };");
        same("anon2.at.x() + anon2.extra");
        same("var both = (Runnable & java.io.Serializable) () -> { };");
        same("both instanceof java.io.Serializable");
    }

    @Test
    void recordsGenericsOverloadsAndEnums() {
        same("record Pair<A, B>(A a, B b) { }");
        same("Pair<String, Integer> p = new Pair<>(\"x\", 1);");
        same("p.a() + p.b()");
        same("<T> List<T> twiceList(T t) { return List.of(t, t); }");
        fill();
        same("twiceList(p).size()");
        same("var ps = twiceList(p);");
        same("ps.get(0).b()");
        same("String show(int i) { return \"int\"; }");
        same("String show(String s) { return \"str\"; }");
        same("show(1) + show(\"a\")");
        same("enum Color { RED, GREEN }");
        same("Color favourite = Color.RED;");
        same("switch (favourite) { case RED -> 1; default -> 2; }");
        same("interface Op { int apply(int x); }");
        same("Op inc = x -> x + 1;");
        same("inc.apply(max(3, 1))");
    }

    @Test
    void dropsAndErrors() {
        same("int dropMe() { return 1; }");
        same("int needsDropMe() { return dropMe(); }");
        fill();
        sameDrop("int dropMe() { return 1; }");
        same("needsDropMe()");
        same("undefinedName + 1");
        same("int broken() { return \"text\"; }");
        same("String s = 5;");
        same("40 + 2");
        same("$" + lastTemporary() + " + 1");
    }

    @Test
    void unicodeEscapesAreReadAsJavacReadsThem() {
        same("int \\u0061bc = 3;");
        same("abc + 1");
        same("int useAbc() { return \\u0061bc * 2; }");
        same("useAbc()");
        same("String s2 = \"\\\\u0041\";");
        same("s2.length()");
    }

    /** The earlier cases' snippets, now far back in the sessions, are still what both sessions hold. */
    @Test
    void bothSessionsEndTheSame() {
        fill();
        Function<JShell, String> describe = js -> js.snippets()
                .map(s -> s.source() + " -> " + js.status(s)).collect(Collectors.joining("\n"));
        assertEquals(describe.apply(plain), describe.apply(focusedShell));
    }

    @Test
    void javacsSymbolTablesAreSweptOfJShellsLeftovers() throws Exception {
        try (JShell js = shell()) {
            FocusedCompilation f = FocusedCompilation.install(js);
            SymbolTableSweep sweep = f.symbolTables();
            assertNotNull(sweep, "javac's packages are open to the tests");
            // Half way between two of the sweeps made every so many evaluations: leftovers to find.
            for (int i = 0; i < 100 + SymbolTableSweep.EVERY / 2; i++) {
                f.eval("int w" + i + "(int x) { return x + " + i + "; }");
            }
            assertTrue(sweep.sweep() > 0, "each snippet's class left its name behind");
            int swept = sweep.entries();
            for (int i = 125; i < 425; i++) f.eval("int w" + i + "(int x) { return w" + (i - 100) + "(x) + 1; }");
            sweep.sweep();
            assertTrue(sweep.entries() - swept < 50, () -> "grew by " + (uncheckedEntries(sweep) - swept));
            assertEquals("128", f.eval("w424(1)").get(0).value(), "the session still works: w124(1) + 3");
        }
    }

    private static int uncheckedEntries(SymbolTableSweep sweep) {
        try {
            return sweep.entries();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aJShellNotAsExpectedCompilesAsJShellDoes() {
        try (JShell js = shell()) {
            FocusedCompilation first = FocusedCompilation.install(js);
            FocusedCompilation second = FocusedCompilation.install(js); // finds our collections, not JShell's
            assertTrue(first.isFocused());
            assertFalse(second.isFocused());
            assertTrue(second.unfocusedReason().contains("not as expected"), second.unfocusedReason());
            assertEquals(Snippet.Status.VALID, second.eval("int a = 1;").get(0).status());
            assertEquals("2", first.eval("a + 1").get(0).value());
            first.eval("import java.util.Queue;");
            first.eval("int a = 5;"); // the first a is overwritten: not active any more
            for (FocusedCompilation f : List.of(first, second)) { // found by the index, and by walking the session
                assertEquals(List.of("int a = 5;"), f.activeNamed("a").stream().map(Snippet::source).toList());
                assertEquals(List.of("import java.util.Queue;"),
                        f.activeNamed("Queue").stream().map(Snippet::source).toList());
            }
        }
    }

    @Test
    void theSwitchTurnsFocusingOff() {
        System.setProperty(FocusedCompilation.SWITCH, "false");
        try (JShell js = shell()) {
            FocusedCompilation off = FocusedCompilation.install(js);
            assertFalse(off.isFocused());
            assertTrue(off.unfocusedReason().contains(FocusedCompilation.SWITCH), off.unfocusedReason());
            off.eval("int b = 2;");
            assertEquals("3", off.eval("b + 1").get(0).value());
        } finally {
            System.clearProperty(FocusedCompilation.SWITCH);
        }
    }

    /** Filler cells: a variable, a method and a record each. */
    private static void fill() {
        for (int i = 0; i < FILLER_CELLS / 6; i++, filler++) {
            same("int v" + filler + " = " + filler + ";");
            same("int f" + filler + "(int x) { return x + v" + filler + "; }");
            same("record R" + filler + "(int a, String b) { }");
        }
    }

    private static int lastTemporary() {
        return plain.variables().map(VarSnippet::name).filter(n -> n.startsWith("$"))
                .mapToInt(n -> Integer.parseInt(n.substring(1))).max().orElseThrow();
    }

    private static void same(String source) {
        List<String> expected = describe(plain, plain.eval(source));
        List<String> actual = describe(focusedShell, focused.eval(source));
        assertEquals(expected, actual, "evaluating: " + source);
    }

    private static void sameDrop(String source) {
        List<String> expected = describe(plain, plain.drop(find(plain, source)));
        List<String> actual = describe(focusedShell, focused.drop(find(focusedShell, source)));
        assertEquals(expected, actual, "dropping: " + source);
    }

    private static Snippet find(JShell js, String source) {
        return js.snippets().filter(s -> s.source().equals(source) && js.status(s).isActive())
                .reduce((a, b) -> b).orElseThrow();
    }

    /** Object identities ({@code Dog@3ebbd1d4}, lambda class names) differ between two sessions. */
    private static String withoutIdentities(String value) {
        if (value == null) return null;
        return value.replaceAll("\\$Lambda(\\$[0-9]+)?/0x[0-9a-f]+", "\\$Lambda").replaceAll("@[0-9a-f]+", "@");
    }

    private static List<String> describe(JShell js, List<SnippetEvent> events) {
        List<String> out = new ArrayList<>();
        for (SnippetEvent e : events) {
            Snippet s = e.snippet();
            StringBuilder d = new StringBuilder();
            d.append(s.kind()).append('/').append(s.subKind()).append(' ').append(s.source().strip())
                    .append(": ").append(e.previousStatus()).append(" -> ").append(e.status())
                    .append(e.causeSnippet() == null ? "" : " (update)")
                    .append(e.isSignatureChange() ? " signature" : "")
                    .append(" value=").append(withoutIdentities(e.value()));
            if (e.exception() != null) d.append(" threw ").append(e.exception().getClass().getSimpleName())
                    .append(": ").append(e.exception().getMessage());
            if (s instanceof VarSnippet v) d.append(" type=").append(v.typeName());
            if (s instanceof DeclarationSnippet decl && js.status(s) != Snippet.Status.DROPPED) {
                d.append(" unresolved=").append(js.unresolvedDependencies(decl).toList());
            }
            for (Diag diag : js.diagnostics(s).toList()) {
                d.append(" | ").append(diag.isError() ? "error " : "warning ").append(diag.getStartPosition())
                        .append('-').append(diag.getEndPosition()).append(' ').append(diag.getMessage(Locale.ROOT));
            }
            out.add(d.toString());
        }
        return out;
    }
}
