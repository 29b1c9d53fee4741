package io.procbook.shell;

import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stack traces as a notebook reader wants them: user frames named by the cell line they are on, JShell's
 * wrapper classes and the reflection that runs a snippet left out, causes kept.
 */
final class Tracebacks {

    private static final Pattern WRAPPER = Pattern.compile("^REPL\\.\\$JShell\\$\\d+\\$?");
    private static final Pattern LAMBDA = Pattern.compile("^lambda\\$(.*?)\\$\\d+$");
    private static final int SOURCE_TEXT_MAX = 60;

    private Tracebacks() { }

    /** The name of the exception a user sees: JShell re-creates user exceptions as EvalException. */
    static String className(Throwable t) {
        return t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
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
     * The traceback of an exception caught live (a background thread's, a renderer's): JShell's wrapper class
     * names are stripped and the reflection below the snippet is left out.
     */
    static List<String> ofLiveThrowable(Throwable e) {
        List<String> lines = new ArrayList<>();
        append(lines, e, null, "", Tracebacks::liveFrame, new IdentityHashMap<>());
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
        out.add(prefix + className(t) + (message == null ? "" : ": " + message));
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
        if (shared > 0) out.add("    ... " + shared + " more");
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

    private static String liveFrame(StackTraceElement f) {
        String cls = f.getClassName();
        if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                || cls.startsWith("jdk.jshell.") || cls.startsWith(RecordingExecutionControl.class.getName())) {
            return null;
        }
        if (!WRAPPER.matcher(cls).find()) return f.toString();
        String method = "do_it$".equals(f.getMethodName()) ? "" : f.getMethodName();
        return name(WRAPPER.matcher(cls).replaceFirst(""), method) + " (cell code)";
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
