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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a text is one or more whole JShell snippets, by javac's own parser (syntax only: names and types are
 * not looked at, so code that uses what an earlier snippet of the same cell declares still passes).
 *
 * <p>A snippet is a statement or local declaration, a member (method, field, class, with JShell's allowed
 * modifiers) or an import, so the text is parsed as the body of a method, as the body of a class, and as the
 * head of a compilation unit; it passes if one of them has no syntax error. An expression statement that Java
 * would reject ({@code x + 1;}) is fine, as it is for JShell.
 */
final class SyntaxCheck {

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
    static synchronized int firstThatParses(List<String> texts) {
        if (compiler == null) {
            compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) throw new IllegalStateException("this Java runtime has no compiler (jdk.compiler)");
            files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        }
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            // Brackets that do not pair up could close a wrapper and open another: never whole snippets.
            if (!CodeChars.balanced(text)) continue;
            for (String[] form : FORMS) sources.add(new Source(i, sources.size(), form[0] + text + form[1]));
            if (text.stripLeading().startsWith("import")) {
                sources.add(new Source(i, sources.size(), IMPORT_FORM[0] + text + IMPORT_FORM[1]));
            }
        }
        if (sources.isEmpty()) return -1;
        Set<JavaFileObject> failed = new HashSet<>();
        DiagnosticListener<JavaFileObject> errors = d -> {
            if (d.getKind() == Diagnostic.Kind.ERROR && !NOT_A_STATEMENT.equals(d.getCode())) failed.add(d.getSource());
        };
        JavacTask task = (JavacTask) compiler.getTask(null, files, errors, OPTIONS, null, sources);
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sources are in memory: not expected
        }
        return sources.stream().filter(src -> !failed.contains(src)).mapToInt(src -> src.index).min().orElse(-1);
    }

    /** One form of one text; each is a file of its own, so that errors name the one they are in. */
    private static final class Source extends SimpleJavaFileObject {
        private final int index;
        private final String text;

        Source(int index, int serial, String text) {
            super(URI.create("string:///Snippet" + serial + ".java"), Kind.SOURCE);
            this.index = index;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
