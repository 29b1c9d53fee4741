package io.procbook.shell;

import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis.SnippetWrapper;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each snippet came from (which cell, which line), so that stack frames, which JShell reports as
 * {@code #id:line} of a snippet, can be shown as lines of the cell; and which snippet line each line of a
 * compiled wrapper class holds ({@link WrapperLines}), so that raw frames of those classes, as a child process
 * prints them, can be read the same way.
 *
 * <p>Safe for use by many threads: the engine records while a cell runs, child output pumps read.
 */
final class SnippetOrigins {

    /** A snippet's cell and the cell line its first character is on. */
    record Origin(int cell, LineMap lines, int firstLine) { }

    /** A wrapper class's name, then what follows it: a nested class of the snippet ({@code $Bad}) or nothing. */
    private static final Pattern WRAPPER_CLASS = Pattern.compile("^(REPL\\.\\$JShell\\$\\w+)(?:\\$(.*))?$");

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    private final Map<String, WrapperLines> wrappers = new ConcurrentHashMap<>();
    /** Wrapper classes that hold several snippets. */
    private final Set<String> shared = ConcurrentHashMap.newKeySet();

    void record(Snippet snippet, int cell, LineMap lines, int startOffset) {
        origins.put(snippet.id(), new Origin(cell, lines, lines.lineOf(startOffset)));
    }

    /** @return the origin of the snippet with that id, or null */
    Origin of(String snippetId) {
        return origins.get(snippetId);
    }

    /**
     * Notes the wrapper class a snippet was just compiled into (a snippet is compiled again, into a new class,
     * when something it depends on changes).
     */
    void recordCompiled(Snippet snippet, SnippetWrapper wrapper) {
        WrapperLines table = WrapperLines.of(snippet.id(), snippet.source(), wrapper);
        // JShell compiles the overloads of a method together when they are recompiled at once: one class, several
        // snippets, and the wrapper API maps positions of the first only. Such a class's frames stay unnumbered.
        WrapperLines before = wrappers.put(table.className(), table);
        if (before != null && !before.snippetId().equals(table.snippetId())) shared.add(table.className());
    }

    /**
     * Translates a frame of a wrapper class as JShell translates the frames of exceptions its snippets throw.
     *
     * @param className  the frame's class ({@code REPL.$JShell$25} or a class nested in it)
     * @param methodName the frame's method
     * @param line       the frame's line number in the wrapper class
     * @return the frame as JShell reports it (the nested class's name or "" as the class, "" for the code of a
     *         statement or expression, {@code #id} as the file, the snippet's line), or {@code null} if
     *         {@code className} is no wrapper class this session compiled, or one whose lines are not known
     */
    StackTraceElement toSnippetFrame(String className, String methodName, int line) {
        Matcher m = WRAPPER_CLASS.matcher(className);
        if (!m.matches()) return null;
        WrapperLines table = wrappers.get(m.group(1));
        if (table == null || shared.contains(table.className())) return null;
        String nested = m.group(2) == null ? "" : m.group(2);
        String method = "do_it$".equals(methodName) ? "" : methodName;
        return new StackTraceElement(nested, method, "#" + table.snippetId(), table.snippetLine(line));
    }
}
