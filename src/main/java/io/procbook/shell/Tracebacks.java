package io.procbook.shell;

import io.procbook.mp.RemoteTaskException;
import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack traces as a notebook reader wants them: user frames named by the cell line they are on, JShell's
 * wrapper classes and the reflection that runs a snippet left out, causes kept. The same frames in the text a
 * child process prints are rewritten by {@link TracebackText} with {@link #cellFrame}.
 */
final class Tracebacks {

    private static final Pattern WRAPPER = Pattern.compile("^REPL\\.\\$JShell\\$\\w+\\$?");
    /** JShell's own pattern for the wrapper prefix of a name (its {@code Util.expunge}). */
    private static final Pattern WRAPPER_PREFIX = Pattern.compile("(REPL\\.)?\\$JShell\\$\\w+[$.]?");
    private static final Pattern LAMBDA = Pattern.compile("^lambda\\$(.*?)\\$\\d+$");
    private static final int SOURCE_TEXT_MAX = 60;

    private Tracebacks() { }

    /**
     * The name of the exception a user sees: JShell re-creates user exceptions as EvalException; a
     * RemoteTaskException stands for the child's exception; a class the notebook declared is named as declared.
     */
    static String className(Throwable t) {
        String name = t instanceof EvalException e ? e.getExceptionClassName()
                : t instanceof RemoteTaskException r ? r.remoteClassName() : t.getClass().getName();
        return expunge(name);
    }

    /** @return the text without JShell's wrapper class prefixes ({@code REPL.$JShell$33$Bad} reads {@code Bad}) */
    static String expunge(String text) {
        if (text == null || !text.contains("$JShell$")) return text;
        return WRAPPER_PREFIX.matcher(text).replaceAll("");
    }

    /** @return the exception's message as the reader sees it ({@code ""} if it has none) */
    static String message(Throwable t) {
        return t.getMessage() == null ? "" : expunge(t.getMessage());
    }

    static String simpleName(Throwable t) {
        String n = className(t);
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /**
     * The traceback of an exception a snippet threw, as JShell reports it (frames of snippet code carry the
     * file name {@code #id} and a line of that snippet).
     *
     * @param currentCell the number of the cell being run: its lines are shown plainly, others with their text
     */
    static List<String> ofSnippetException(Throwable e, SnippetOrigins origins, int currentCell) {
        List<String> lines = new ArrayList<>();
        append(lines, e, null, "", f -> snippetFrame(f, origins, currentCell), new IdentityHashMap<>());
        return lines;
    }

    /**
     * The traceback of an exception caught live (a background thread's, a renderer's): frames of notebook
     * classes read as their cell lines ({@link #cellFrame}) and the reflection below the snippet is left out.
     */
    static List<String> ofLiveThrowable(Throwable e, SnippetOrigins origins, int currentCell) {
        List<String> lines = new ArrayList<>();
        append(lines, e, null, "", f -> liveFrame(f, origins, currentCell), new IdentityHashMap<>());
        return lines;
    }

    private interface FrameFormat {
        /** @return the text after "at ", or null to leave the frame out */
        String format(StackTraceElement f);
    }

    private static void append(List<String> out, Throwable t, StackTraceElement[] enclosing, String prefix,
                               FrameFormat format, Map<Throwable, Boolean> seen) {
        if (seen.put(t, Boolean.TRUE) != null) {
            out.add(prefix + "[circular reference: " + className(t) + "]");
            return;
        }
        String message = t.getMessage();
        out.add(prefix + className(t) + (message == null ? "" : ": " + expunge(message)));
        StackTraceElement[] frames = t.getStackTrace();
        int shared = 0;
        if (enclosing != null) {
            int m = frames.length - 1;
            int n = enclosing.length - 1;
            while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
                m--;
                n--;
                shared++;
            }
        }
        for (int i = 0; i < frames.length - shared; i++) {
            String f = format.format(frames[i]);
            if (f != null) out.add("    at " + f);
        }
        // Java's "... n more": the frames shared with the enclosing trace, counted as that trace shows them.
        int shownShared = 0;
        for (int i = frames.length - shared; i < frames.length; i++) if (format.format(frames[i]) != null) shownShared++;
        if (shownShared > 0) out.add("    ... " + shownShared + " more");
        for (Throwable s : t.getSuppressed()) append(out, s, frames, "Suppressed: ", format, seen);
        Throwable cause = t.getCause();
        if (cause != null) append(out, cause, frames, "Caused by: ", format, seen);
    }

    private static String snippetFrame(StackTraceElement f, SnippetOrigins origins, int currentCell) {
        String file = f.getFileName();
        if (file == null || !file.startsWith("#")) return f.toString();
        String where;
        SnippetOrigins.Origin o = origins.of(file.substring(1));
        if (o == null) {
            where = "snippet " + file + ", line " + f.getLineNumber();
        } else {
            int line = o.firstLine() + Math.max(f.getLineNumber(), 1) - 1;
            if (o.cell() == currentCell) {
                where = "line " + (line + 1);
            } else {
                String text = o.lines().line(line).strip();
                if (text.length() > SOURCE_TEXT_MAX) text = text.substring(0, SOURCE_TEXT_MAX) + "...";
                where = "earlier cell, line " + (line + 1) + ": " + text;
            }
        }
        return name(f.getClassName(), f.getMethodName()) + " (" + where + ")";
    }

    private static String liveFrame(StackTraceElement f, SnippetOrigins origins, int currentCell) {
        String cls = f.getClassName();
        if (isReflection(cls) || cls.startsWith("jdk.jshell.") || cls.startsWith(RecordingExecutionControl.class.getName())) {
            return null;
        }
        String cell = cellFrame(cls, f.getMethodName(), f.getLineNumber(), origins, currentCell);
        return cell != null ? cell : f.toString();
    }

    /** @return whether frames of the class are the reflection that calls code, which no reader wants to see */
    static boolean isReflection(String className) {
        return className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.reflect.");
    }

    /**
     * A raw frame of a notebook class (a JShell wrapper class or one nested in it), as frames of the cell's own
     * exceptions read: {@code depth (line 3)} or {@code depth (earlier cell, line 3: return 10 / x;)}, or
     * {@code depth (cell code)} where the line is not known.
     *
     * @return the text after "at ", or {@code null} if the class is not a notebook class
     */
    static String cellFrame(String className, String methodName, int line, SnippetOrigins origins, int currentCell) {
        Matcher wrapper = WRAPPER.matcher(className);
        if (!wrapper.find()) return null;
        StackTraceElement translated = origins.toSnippetFrame(className, methodName, line);
        if (translated != null) return snippetFrame(translated, origins, currentCell);
        String method = "do_it$".equals(methodName) ? "" : methodName;
        return name(wrapper.replaceFirst(""), method) + " (cell code)";
    }

    private static String name(String cls, String method) {
        String m = method;
        var lambda = LAMBDA.matcher(m);
        if (lambda.matches()) {
            String in = lambda.group(1);
            m = in.isEmpty() || in.startsWith("do_it$") ? "lambda" : "lambda in " + in;
        }
        String full = cls.isEmpty() ? m : m.isEmpty() ? cls : cls + "." + m;
        return full.isEmpty() ? "<cell>" : full;
    }
}
