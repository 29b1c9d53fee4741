package io.procbook.shell;

import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a text is one or more whole JShell snippets, by javac's own parser (syntax only: names and types are
 * not looked at, so code that uses what an earlier snippet of the same cell declares still passes), and if not,
 * its syntax error.
 *
 * <p>A snippet is a statement or local declaration, a member (method, field, class, with JShell's allowed
 * modifiers) or an import, so the text is parsed as the body of a method, as the body of a class, and as the
 * head of a compilation unit; it passes if one of them has no syntax error. An expression statement that Java
 * would reject ({@code x + 1;}) is fine, as it is for JShell. Text whose brackets do not pair up never passes
 * (it could close a wrapper and open another).
 *
 * <p>The error reported for text that does not pass is the first error of the form that read furthest before
 * failing (a method read as a statement fails at once, read as a member it fails where it is wrong), as javac
 * words it; where no form finds an error inside the text, an unpaired bracket is named.
 */
final class SyntaxCheck {

    /** A syntax error: where it is in the text checked, the range it covers, and javac's message. */
    record SyntaxError(int position, int start, int end, String message) { }

    /** javac's code for "not a statement", which JShell accepts (it shows the expression's value). */
    private static final String NOT_A_STATEMENT = "compiler.err.not.stmt";
    private static final List<String> OPTIONS = List.of("-proc:none", "-nowarn", "-Xlint:none");
    private static final String[][] FORMS = {
            {"class $$ { void $$() {\n", "\n} }"},
            {"class $$ {\n", "\n}"},
    };
    private static final String[] IMPORT_FORM = {"", "\nclass $$ { }"};

    private static JavaCompiler compiler;
    private static StandardJavaFileManager files;

    private SyntaxCheck() { }

    /** @return {@code true} if {@code text} parses as snippets; {@code false} if it has a syntax error */
    static boolean parses(String text) {
        return firstThatParses(List.of(text)) == 0;
    }

    /**
     * Parses several texts at once (one javac task: setting one up costs more than parsing a cell).
     *
     * @return the index of the first text that parses as snippets, or -1 if none does
     */
    static int firstThatParses(List<String> texts) {
        List<SyntaxError> errors = errors(texts);
        for (int i = 0; i < errors.size(); i++) if (errors.get(i) == null) return i;
        return -1;
    }

    /**
     * Parses several texts at once.
     *
     * @return for each text, in order, its syntax error, or {@code null} if it parses as snippets
     */
    static synchronized List<SyntaxError> errors(List<String> texts) {
        if (compiler == null) {
            compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) throw new IllegalStateException("this Java runtime has no compiler (jdk.compiler)");
            files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        }
        List<Source> sources = new ArrayList<>();
        boolean[] balanced = new boolean[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            balanced[i] = CodeChars.balanced(text);
            // An unpaired bracket is an error whatever the form; the statement form finds out where javac sees it.
            String[][] forms = balanced[i] ? FORMS : new String[][] {FORMS[0]};
            for (String[] form : forms) sources.add(new Source(i, sources.size(), form[0], text, form[1]));
            if (balanced[i] && text.stripLeading().startsWith("import")) {
                sources.add(new Source(i, sources.size(), IMPORT_FORM[0], text, IMPORT_FORM[1]));
            }
        }
        Map<JavaFileObject, SyntaxError> firstErrors = new HashMap<>();
        if (!sources.isEmpty()) parse(sources, firstErrors);
        SyntaxError[] result = new SyntaxError[texts.size()];
        boolean[] passed = new boolean[texts.size()];
        for (Source src : sources) {
            SyntaxError e = firstErrors.get(src);
            if (e == null) {
                passed[src.index] = balanced[src.index];
            } else if (result[src.index] == null || e.position() > result[src.index].position()) {
                result[src.index] = e;
            }
        }
        for (int i = 0; i < result.length; i++) {
            if (passed[i]) result[i] = null;
            else if (result[i] == null || result[i].position() > texts.get(i).length()) result[i] = unpaired(texts.get(i), result[i]);
        }
        return Arrays.asList(result);
    }

    private static void parse(List<Source> sources, Map<JavaFileObject, SyntaxError> firstErrors) {
        DiagnosticListener<JavaFileObject> errors = d -> {
            if (d.getKind() != Diagnostic.Kind.ERROR || NOT_A_STATEMENT.equals(d.getCode())) return;
            Source src = (Source) d.getSource();
            long at = d.getPosition();
            SyntaxError e = new SyntaxError(src.offset(at), src.offset(known(d.getStartPosition(), at)),
                    src.offset(known(d.getEndPosition(), at)), d.getMessage(Locale.ROOT));
            firstErrors.merge(src, e, (a, b) -> b.position() < a.position() ? b : a);
        };
        JavacTask task = (JavacTask) compiler.getTask(null, files, errors, OPTIONS, null, sources);
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sources are in memory: not expected
        }
    }

    private static long known(long position, long otherwise) {
        return position == Diagnostic.NOPOS ? otherwise : position;
    }

    /**
     * The error of text whose brackets do not pair up, where javac's (if any) lies past its end: at the end
     * ({@code found}, clamped) if a bracket is left open, else at the first closing bracket without a partner.
     */
    private static SyntaxError unpaired(String text, SyntaxError found) {
        Deque<Integer> open = new ArrayDeque<>();
        int[] stray = {-1};
        CodeChars.scan(text, (c, start, end) -> {
            if (CodeChars.opens(c)) open.push(start);
            else if (CodeChars.closes(c) && stray[0] < 0 && open.poll() == null) stray[0] = start;
        });
        if (stray[0] >= 0) {
            return new SyntaxError(stray[0], stray[0], stray[0] + 1, "'" + text.charAt(stray[0]) + "' closes nothing");
        }
        if (found != null) return new SyntaxError(text.length(), text.length(), text.length(), found.message());
        int at = open.isEmpty() ? text.length() : open.peek();
        return new SyntaxError(at, at, at + 1, open.isEmpty() ? "syntax error" : "'" + text.charAt(at) + "' is not closed");
    }

    /** One form of one text; each is a file of its own, so that errors name the one they are in. */
    private static final class Source extends SimpleJavaFileObject {
        private final int index;
        private final int prefixLength;
        private final String text;

        Source(int index, int serial, String prefix, String text, String suffix) {
            super(URI.create("string:///Snippet" + serial + ".java"), Kind.SOURCE);
            this.index = index;
            this.prefixLength = prefix.length();
            this.text = prefix + text + suffix;
        }

        /** @return a position in this form as an offset in the text checked (0 if there is none) */
        int offset(long position) {
            return position == Diagnostic.NOPOS ? 0 : (int) position - prefixLength;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
