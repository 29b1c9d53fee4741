package io.procbook.shell;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Evaluates snippets in a JShell session so that each one costs about the same however long the session is.
 *
 * <p><b>Why.</b> JShell compiles every snippet in a wrapper class whose head imports every declaration the
 * session holds ({@code import static REPL.$JShell$12.f;} for each), four javac tasks for a {@code 1+1}, and
 * makes javac forget the session's classes after each task. So every task lists all the session's class files,
 * reads the class of every imported declaration again and checks every import: a {@code 1+1} cell took 14 ms in
 * a fresh kernel and 204 ms after 1,800 snippets (Java 17, on a loaded 2-core machine), and a session kept the
 * wrapper text of every snippet, imports included, so its memory grew with the square of its length.
 *
 * <p><b>How.</b> While {@link #eval} or {@link #drop} runs, on its thread, the compilation sees only what the
 * evaluated text can reach (a {@link CompileScope}): a wrapper's head imports the session's import snippets and
 * the declarations whose names the scope reached; the {@code REPL} package javac lists holds only their classes
 * and the classes those name ({@link FocusedClassFiles}); and the snippets JShell scans in each task are only the
 * reached ones ({@link FocusedSnippetSet}). For that, three collections inside JShell are replaced by ones that
 * behave exactly as before except inside a scope ({@link IndexedSnippets}). Nothing else changes: JShell still
 * decides what is a redefinition, which dependants to compile again, forward references, statuses and events;
 * completion, inspection and every other use of JShell see the whole session.
 *
 * <p>Besides, javac's symbol tables are swept of what JShell leaves in them after each task
 * ({@link SymbolTableSweep}).
 *
 * <p><b>When not.</b> The replaced collections are JShell internals. If the running JDK's JShell does not have
 * them as expected, if the {@code jdk.jshell} package is not open to this code ({@code --add-opens
 * jdk.jshell/jdk.jshell=ALL-UNNAMED}, which the kernel jar's manifest declares), or if the system property
 * {@value #SWITCH} is {@code false}, the session compiles as JShell does by itself ({@link #isFocused()} says
 * which, {@link #unfocusedReason()} why). A scope reaches every earlier snippet, as JShell does, if the JShell
 * list it relies on was changed in a way it does not follow.
 *
 * <p>Not thread-safe beyond JShell's own rules: one thread evaluates at a time; other threads (completion while a
 * cell's code runs) use JShell unscoped.
 */
final class FocusedCompilation {

    /** The system property that turns focusing off ({@code -Dprocbook.focusedCompilation=false}). */
    static final String SWITCH = "procbook.focusedCompilation";

    private final JShell js;
    private final ThreadLocal<CompileScope> scope = new ThreadLocal<>();
    private final IndexedSnippets index;
    private final String unfocusedReason;
    /** Clears javac's leftovers of the session's classes, or {@code null} where javac cannot be reached. */
    private SymbolTableSweep sweep;

    private FocusedCompilation(JShell js, IndexedSnippets index, String unfocusedReason) {
        this.js = js;
        this.index = index;
        this.unfocusedReason = unfocusedReason;
    }

    /**
     * Focuses the compilation of a session. Call it before the session's first evaluation through it, on the
     * thread that owns the session, while nothing else uses it.
     *
     * @return the session's evaluator: focused if this JDK's JShell allows it, else one that evaluates as JShell
     *         does by itself
     */
    static FocusedCompilation install(JShell js) {
        if ("false".equalsIgnoreCase(System.getProperty(SWITCH))) {
            return new FocusedCompilation(js, null, "turned off with -D" + SWITCH + "=false");
        }
        if (!JShell.class.getModule().isOpen("jdk.jshell", FocusedCompilation.class.getModule())) {
            return new FocusedCompilation(js, null, "jdk.jshell is not open to procbook"
                    + " (--add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED)");
        }
        try {
            return focused(js);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new FocusedCompilation(js, null, "this JDK's JShell is not as expected (" + e + ")");
        }
    }

    private static FocusedCompilation focused(JShell js) throws ReflectiveOperationException {
        // Everything is looked up and checked before anything is replaced: all three or none.
        Object maps = read(js, JShell.class, "maps");
        Field keyIndex = field(maps.getClass(), "keyIndexToSnippet");
        Field all = field(maps.getClass(), "snippets");
        Object taskFactory = read(js, JShell.class, "taskFactory");
        Object fileManager = read(taskFactory, taskFactory.getClass(), "fileManager");
        Field classFiles = field(fileManager.getClass(), "classObjects");
        List<Snippet> oldIndex = exactly(keyIndex.get(maps), java.util.ArrayList.class);
        Set<Snippet> oldAll = exactly(all.get(maps), java.util.LinkedHashSet.class);
        Map<String, ?> oldClassFiles = exactly(classFiles.get(fileManager), java.util.TreeMap.class);

        FocusedCompilation[] self = new FocusedCompilation[1];
        Supplier<CompileScope> current = () -> self[0].scope.get();
        IndexedSnippets index = new IndexedSnippets(oldIndex, current);
        FocusedCompilation focus = new FocusedCompilation(js, index, null);
        self[0] = focus;
        FocusedSnippetSet allSnippets = new FocusedSnippetSet(oldAll, index, current);
        FocusedClassFiles files = new FocusedClassFiles(oldClassFiles, index, current, focus::classOf);
        keyIndex.set(maps, index);
        all.set(maps, allSnippets);
        classFiles.set(fileManager, files);
        focus.sweep = SymbolTableSweep.of(js);
        return focus;
    }

    private static Object read(Object owner, Class<?> type, String name) throws ReflectiveOperationException {
        Object value = field(type, name).get(owner);
        if (value == null) throw new NoSuchFieldException(type.getName() + "." + name + " is null");
        return value;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The value, if it is exactly of that class (a subclass might behave otherwise than the copy we make). */
    @SuppressWarnings("unchecked")
    private static <T> T exactly(Object value, Class<?> type) throws NoSuchFieldException {
        if (value == null || value.getClass() != type) {
            throw new NoSuchFieldException("expected a " + type.getName() + ", found "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return (T) value;
    }

    /** @return whether evaluations are focused; if not, {@link #unfocusedReason()} says why */
    boolean isFocused() {
        return index != null;
    }

    /** @return why evaluations are not focused, or {@code null} if they are */
    String unfocusedReason() {
        return unfocusedReason;
    }

    /** Evaluates one snippet, as {@link JShell#eval}, compiling it with only what it can reach. */
    List<SnippetEvent> eval(String source) {
        return within(source, () -> js.eval(source));
    }

    /** Drops a snippet, as {@link JShell#drop}; its dependants are compiled again with only what they reach. */
    List<SnippetEvent> drop(Snippet snippet) {
        return within(snippet.source(), () -> js.drop(snippet));
    }

    private List<SnippetEvent> within(String text, Supplier<List<SnippetEvent>> evaluation) {
        if (index == null) return evaluation.get();
        CompileScope outer = scope.get();
        CompileScope s = new CompileScope(index);
        if (!index.isCurrent()) s.reachEverything();
        s.reach(text);
        scope.set(s);
        try {
            return evaluation.get();
        } finally {
            if (outer == null) scope.remove();
            else scope.set(outer);
            if (sweep != null && outer == null) sweep.evaluated();
        }
    }

    /** @return what clears javac's leftovers of this session's classes, or {@code null} if nothing does */
    SymbolTableSweep symbolTables() {
        return sweep;
    }

    /**
     * The session's latest snippets of a name, found without walking the session when focused: the
     * declarations of that name (variables, methods, types) and the imports of it (a single-type import's
     * simple name).
     *
     * @return the active ones, in the order they were first declared
     */
    List<Snippet> activeNamed(String name) {
        Stream<Snippet> all = index != null && index.isCurrent()
                ? Stream.concat(index.declarationsNamed(name).stream(), index.importsNamed(name).stream())
                : js.snippets().filter(s -> s instanceof DeclarationSnippet d && d.name().equals(name)
                        || s instanceof ImportSnippet i && i.name().equals(name));
        return all.filter(s -> js.status(s).isActive()).toList();
    }

    /** The wrapper class a snippet's import names, or {@code null} if it has none. */
    private String classOf(Snippet s) {
        Snippet.Status status = js.status(s);
        if (status == Snippet.Status.NONEXISTENT || status == Snippet.Status.REJECTED) return null;
        try {
            return js.sourceCodeAnalysis().wrapper(s).fullClassName();
        } catch (RuntimeException e) {
            return null; // never compiled: no class to list
        }
    }
}
