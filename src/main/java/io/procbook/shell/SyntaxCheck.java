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
import java.util.List;

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
            {"", "\nclass $$ { }"},
    };

    private static JavaCompiler compiler;
    private static StandardJavaFileManager files;

    private SyntaxCheck() { }

    /** @return {@code true} if {@code text} parses as snippets; {@code false} if it has a syntax error */
    static synchronized boolean parses(String text) {
        // Brackets that do not pair up could close a wrapper and open another: never whole snippets.
        if (!CodeChars.balanced(text)) return false;
        if (compiler == null) {
            compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) throw new IllegalStateException("this Java runtime has no compiler (jdk.compiler)");
            files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        }
        for (String[] form : FORMS) {
            if (parsesAs(form[0] + text + form[1])) return true;
        }
        return false;
    }

    private static boolean parsesAs(String source) {
        boolean[] failed = {false};
        DiagnosticListener<JavaFileObject> errors = d -> {
            if (d.getKind() == Diagnostic.Kind.ERROR && !NOT_A_STATEMENT.equals(d.getCode())) failed[0] = true;
        };
        JavacTask task = (JavacTask) compiler.getTask(null, files, errors, OPTIONS, null, List.of(new Source(source)));
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the source is in memory: not expected
        }
        return !failed[0];
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///Snippet.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
