package io.procbook.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One stream of a child's text with the stack traces in it rewritten in cell terms, as the cell's own
 * tracebacks read: a frame of notebook code, printed raw by the child as
 * {@code at procbook-notebook//REPL.$JShell$25.depth($JShell$25.java:7)}, reads
 * {@code at depth (earlier cell, line 3: return 10 / x;)}; reflection frames, the runtime's internal frames and
 * the runtime frames below the notebook code (what called it: the child's main, a pool worker's loop) are left
 * out; frames of the JDK and of libraries stay. JShell's wrapper prefixes are taken out of the other lines of a
 * trace ({@code REPL.$JShell$33$Bad: wrapped} reads {@code Bad: wrapped}), a frame's tab indent becomes four
 * spaces, as in the cell's tracebacks, and a cause's {@code ... 5 more} counts only the shared frames that are
 * shown.
 *
 * <p>Text that is not a stack trace passes unchanged and nothing is lost. Only a partial line that may still
 * become a frame ({@code "\tat proc"}) is held back, until its newline arrives, until {@link #end()}, or until
 * it grows past {@link #MAX_HELD_CHARS} (then it goes on unchanged); any other partial line goes on at once. The
 * common case, a line that does not start with blank space, costs a look at its first character.
 *
 * <p>Not safe for use by several threads: one instance serves one stream, written by the one thread that pumps
 * it.
 */
final class TracebackText {

    /** A partial line longer than this is no frame anyone prints: it goes on unchanged. */
    static final int MAX_HELD_CHARS = 8192;
    /** The name of the child's class loader of notebook classes, which prefixes their frames. */
    private static final String NOTEBOOK_LOADER = "procbook-notebook//";
    private static final String INDENT = "    ";
    private static final String CAUSED_BY = "Caused by: ";
    /** What every JShell wrapper class name holds. */
    private static final String WRAPPER_MARK = "$JShell$";

    private final SnippetOrigins origins;
    private final int cell;
    private final StringBuilder held = new StringBuilder();
    /** The current line's start went on unchanged (it could not be a frame): so does its rest. */
    private boolean midLine;
    /** The traces being printed, by how deep their frames are indented (1: a top-level trace's). */
    private final List<Trace> traces = new ArrayList<>();

    /**
     * @param origins where the notebook's snippets and wrapper classes came from
     * @param cell    the number of the cell whose output this is: its lines read {@code line 3}, other cells'
     *                lines {@code earlier cell, line 3: <code>}
     */
    TracebackText(SnippetOrigins origins, int cell) {
        this.origins = origins;
        this.cell = cell;
    }

    /**
     * Takes the next piece of the stream.
     *
     * @return the text that may go on now (possibly empty)
     */
    String write(String text) {
        String before = held.toString();
        try {
            return rewrite(text);
        } catch (RuntimeException bug) {
            // Text matters more than its looks: whatever went wrong, the text goes on as it came.
            String raw = before + text;
            held.setLength(0);
            traces.clear();
            midLine = !raw.isEmpty() && raw.charAt(raw.length() - 1) != '\n';
            return raw;
        }
    }

    private String rewrite(String text) {
        StringBuilder out = new StringBuilder(0);
        int pos = 0;
        if (held.length() > 0 || midLine) {
            int nl = text.indexOf('\n');
            if (nl < 0) return continuePartial(text);
            String first = text.substring(0, nl + 1);
            if (midLine) {
                out.append(first);
                midLine = false;
            } else {
                String line = held.append(first).toString();
                held.setLength(0);
                appendLine(out, line, 0, line.length() - 1, line.contains(WRAPPER_MARK));
            }
            pos = nl + 1;
        }
        int copied = pos;
        int mark = text.indexOf(WRAPPER_MARK, pos);
        for (int nl = text.indexOf('\n', pos); nl >= 0; nl = text.indexOf('\n', pos)) {
            if (mark >= 0 && mark < pos) mark = text.indexOf(WRAPPER_MARK, pos);
            boolean namesWrapper = mark >= 0 && mark < nl;
            char c = nl > pos ? text.charAt(pos) : '\n';
            if (c == ' ' || c == '\t' || namesWrapper || (c == 'C' && text.startsWith(CAUSED_BY, pos))) {
                out.append(text, copied, pos);
                appendLine(out, text, pos, nl, namesWrapper);
                copied = nl + 1;
            } else {
                if (!traces.isEmpty()) traces.clear(); // a line of its own ends every trace
            }
            pos = nl + 1;
        }
        String partial = pos < text.length() ? continuePartial(text.substring(pos)) : "";
        if (out.length() == 0 && copied == 0) { // the common case: nothing changed, nothing copied
            return partial.isEmpty() && pos < text.length() ? text.substring(0, pos) : text;
        }
        return out.append(text, copied, pos).append(partial).toString();
    }

    /**
     * Lets the held partial line go (rewritten if it is a whole frame): the stream has ended.
     *
     * @return the held text, or an empty string
     */
    String end() {
        midLine = false;
        if (held.length() == 0) return "";
        String line = held.append('\n').toString();
        held.setLength(0);
        StringBuilder out = new StringBuilder();
        appendLine(out, line, 0, line.length() - 1, line.contains(WRAPPER_MARK));
        if (out.length() > 0 && out.charAt(out.length() - 1) == '\n') out.setLength(out.length() - 1);
        traces.clear();
        return out.toString();
    }

    /** A piece of a line with no newline yet, after {@link #held} (if any). */
    private String continuePartial(String piece) {
        if (midLine) return piece;
        held.append(piece);
        if (held.length() <= MAX_HELD_CHARS && mayBecomeFrame(held)) return "";
        String text = held.toString();
        held.setLength(0);
        midLine = true;
        return text;
    }

    /** Whether a partial line is blank space followed by the start of {@code "at "} or {@code "... "}, or more. */
    private static boolean mayBecomeFrame(CharSequence s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        if (i == 0) return false;
        return startsLike(s, i, "at ") || startsLike(s, i, "... ");
    }

    /** Whether {@code s} from {@code at} on starts with {@code word}, or is a start of it. */
    private static boolean startsLike(CharSequence s, int at, String word) {
        int n = Math.min(s.length() - at, word.length());
        for (int k = 0; k < n; k++) if (s.charAt(at + k) != word.charAt(k)) return false;
        return true;
    }

    /** Appends the line {@code text[from, to)} rewritten, with its newline, or nothing if it is left out. */
    private void appendLine(StringBuilder out, String text, int from, int to, boolean namesWrapper) {
        int end = to > from && text.charAt(to - 1) == '\r' ? to - 1 : to;
        int body = from;
        int tabs = 0;
        for (; body < end && (text.charAt(body) == ' ' || text.charAt(body) == '\t'); body++) {
            if (text.charAt(body) == '\t') tabs++;
        }
        String line = text.substring(body, end);
        String newline = text.substring(end, to + 1);
        boolean indented = body > from;
        Frame frame = indented ? Frame.parse(line) : null;
        if (frame != null) {
            Trace trace = openTrace(Math.max(tabs, 1));
            String shown = shown(frame, trace);
            trace.add(shown != null);
            if (shown != null) out.append(indent(text, from, body)).append("at ").append(shown).append(newline);
            return;
        }
        int more = indented ? sharedFrames(line) : -1;
        if (more >= 0) {
            Trace trace = openTrace(Math.max(tabs, 1));
            int kept = trace.share(more);
            if (kept > 0) out.append(indent(text, from, body)).append("... ").append(kept).append(" more").append(newline);
            return;
        }
        boolean cause = line.startsWith(CAUSED_BY);
        if (cause || line.startsWith("Suppressed: ")) {
            // A cause shares frames with the trace before it in its chain, a suppressed one with the trace it is in.
            Trace enclosing = traceAt(cause ? tabs + 1 : tabs);
            traces.subList(Math.min(tabs + 1, traces.size()), traces.size()).clear();
            startTrace(tabs + 1, enclosing);
            out.append(indent(text, from, body));
        } else {
            traces.clear(); // any other line ends every trace
            out.append(text, from, body);
        }
        out.append(namesWrapper ? Tracebacks.expunge(line) : line).append(newline);
    }

    /** @return the n of a line {@code ... n more}, or -1 if it is not one */
    private static int sharedFrames(String line) {
        if (!line.startsWith("... ") || !line.endsWith(" more")) return -1;
        try {
            return Integer.parseInt(line, 4, line.length() - 5, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Trace traceAt(int depth) {
        return depth < traces.size() ? traces.get(depth) : null;
    }

    /** The trace whose frames are indented {@code depth} deep, started now if there is none. */
    private Trace openTrace(int depth) {
        Trace t = traceAt(depth);
        return t != null ? t : startTrace(depth, null);
    }

    private Trace startTrace(int depth, Trace enclosing) {
        while (traces.size() <= depth) traces.add(null);
        Trace t = new Trace(enclosing);
        traces.set(depth, t);
        return t;
    }

    /**
     * One exception's printed frames: which of them are shown, and the trace its {@code ... n more} refers to
     * (Java leaves out the frames a cause or suppressed exception shares with it). The count of a
     * {@code ... n more} line becomes the number of those frames that are shown.
     */
    private static final class Trace {
        private final Trace enclosing;
        private boolean[] shown = new boolean[16];
        private int size;
        /** A frame of notebook code came earlier in this trace: runtime frames now are its callers. */
        boolean belowCellCode;

        Trace(Trace enclosing) {
            this.enclosing = enclosing;
        }

        void add(boolean isShown) {
            if (size == shown.length) shown = Arrays.copyOf(shown, size * 2);
            shown[size++] = isShown;
        }

        /**
         * Takes the last {@code n} frames of the enclosing trace as this trace's last frames.
         *
         * @return how many of them are shown ({@code n} if the enclosing trace is not known)
         */
        int share(int n) {
            if (enclosing == null) return n;
            int from = Math.max(0, enclosing.size - n);
            int count = 0;
            for (int i = from; i < enclosing.size; i++) {
                add(enclosing.shown[i]);
                if (enclosing.shown[i]) count++;
            }
            return count;
        }
    }

    /** A line {@code at [loader/][module/]class.method(file:line)}, taken apart. */
    private record Frame(String raw, String cls, String method, int line) {

        /** @return the frame, or {@code null} if the (unindented) line is not one */
        static Frame parse(String line) {
            if (!line.startsWith("at ") || !line.endsWith(")")) return null;
            String raw = line.substring(3);
            int paren = raw.indexOf('(');
            if (paren < 0) return null;
            String head = raw.substring(0, paren);
            String qualified = head.substring(head.lastIndexOf('/') + 1);
            int dot = qualified.lastIndexOf('.');
            if (dot <= 0 || dot == qualified.length() - 1) return null;
            return new Frame(raw, qualified.substring(0, dot), qualified.substring(dot + 1), lineNumber(raw, paren));
        }

        /** @return the line number in {@code (File.java:7)}, or -1 if there is none */
        private static int lineNumber(String raw, int paren) {
            int colon = raw.lastIndexOf(':');
            if (colon < paren) return -1;
            try {
                return Integer.parseInt(raw, colon + 1, raw.length() - 1, 10);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** @return a frame's text after "at " as the reader sees it, or {@code null} to leave the frame out */
    private String shown(Frame f, Trace trace) {
        String cellFrame = Tracebacks.cellFrame(f.cls(), f.method(), f.line(), origins, cell);
        if (cellFrame != null) {
            trace.belowCellCode = true;
            return cellFrame;
        }
        if (Tracebacks.isReflection(f.cls()) || isHiddenRuntime(f.cls(), trace.belowCellCode)) return null;
        return f.raw().startsWith(NOTEBOOK_LOADER) ? f.raw().substring(NOTEBOOK_LOADER.length()) : f.raw();
    }

    /**
     * The runtime's internals are never the reader's concern; its public classes are where notebook code
     * calls them (a {@code Queue.get} that threw), not below the notebook code (what ran it).
     */
    private static boolean isHiddenRuntime(String cls, boolean belowCellCode) {
        if (!cls.startsWith("io.procbook.")) return false;
        return belowCellCode || !cls.startsWith("io.procbook.mp.") || cls.startsWith("io.procbook.mp.internal.");
    }

    /** The blank space before a trace line, each tab made four spaces as in the cell's tracebacks. */
    private static String indent(String text, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from + 4);
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\t') sb.append(INDENT);
            else sb.append(text.charAt(i));
        }
        return sb.toString();
    }
}
