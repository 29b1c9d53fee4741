package io.procbook.shell.help;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Declarations and comments read from a source file, and how the plain-text writer prints them. */
class SourceParserTest {

    private static final String SOURCE = """
            package demo.pkg;

            import java.util.List;

            /**
             * A <b>demo</b> type: {@code List<String>} &amp; {@link java.util.Map#get(Object) get}.
             * <p>
             * Rules:
             * <ul>
             *   <li>one
             *   <li>two {@linkplain java.util.List lists}
             * </ul>
             * <pre>{@code
             *     int x = 1;
             *       x++;
             * }</pre>
             *
             * @param <T> the element
             * @since 1.2
             */
            @Deprecated(since = "2")
            public final class Demo<T> implements Comparable<Demo<T>> /* not the body */ {

                /** The answer. */
                public static final int ANSWER = 42;

                private int hidden;

                /**
                 * Makes one.
                 *
                 * @param items what it holds
                 */
                public Demo(List<? extends T> items) { }

                /**
                 * {@return the first item} Never null.
                 *
                 * @param <R>    the result type
                 * @param fn     applied to it
                 * @param extra  more, as
                 *               varargs
                 * @throws java.lang.IllegalStateException if empty
                 * @deprecated use something else
                 */
                @SafeVarargs
                public final <R> R first(java.util.function.Function<T, R> fn, final T... extra)
                        throws IllegalStateException {
                    return null;
                }

                @Override
                public int compareTo(Demo<T> o) { return 0; }

                /** Colours. */
                public enum Colour {
                    /** Red. */
                    RED,
                    GREEN(1);
                    Colour() { }
                    Colour(int x) { }
                }
            }
            """;

    private static TypeDoc type(List<TypeDoc> types, String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static MemberDoc member(TypeDoc t, String name) {
        return t.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void declarationsAreAsWrittenWithoutAnnotationsCommentsOrBodies() {
        List<TypeDoc> types = new SourceParser().parse("demo/pkg/Demo.java", SOURCE);
        TypeDoc demo = type(types, "demo.pkg.Demo");
        assertEquals("public final class Demo<T> implements Comparable<Demo<T>>", demo.declaration());
        assertEquals("public static final int ANSWER", member(demo, "ANSWER").declaration());
        MemberDoc first = member(demo, "first");
        assertEquals("public final <R> R first(java.util.function.Function<T, R> fn, final T... extra) "
                + "throws IllegalStateException", first.declaration());
        assertEquals(List.of("Function", "*[]"), first.paramTypes(), "type variables match any type");
        assertEquals(List.of("fn", "extra"), first.paramNames());
        assertTrue(first.returnsValue());
        assertEquals("public Demo(List<? extends T> items)", member(demo, MemberDoc.CONSTRUCTOR_NAME).declaration());
        assertFalse(member(demo, "hidden").visible());
        TypeDoc colour = type(types, "demo.pkg.Demo.Colour");
        assertEquals(MemberDoc.Kind.ENUM_CONSTANT, member(colour, "RED").kind());
        assertEquals(MemberDoc.Kind.ENUM_CONSTANT, member(colour, "GREEN").kind());
        assertEquals("GREEN", member(colour, "GREEN").declaration());
        assertTrue(types.indexOf(demo) < types.indexOf(colour), "outer types come first");
    }

    @Test
    void commentsBecomeBlocksAndSections() {
        TypeDoc demo = type(new SourceParser().parse("demo/pkg/Demo.java", SOURCE), "demo.pkg.Demo");
        DocComment d = demo.doc();
        assertEquals("1.2", d.since());
        assertEquals("T", d.typeParams().get(0).name());
        String text = plain(d, 1);
        assertTrue(text.startsWith("A demo type: List<String> & get.\n\nRules:\n\n- one\n- two lists\n\n"
                + "    int x = 1;\n      x++;\n"), text);
        assertTrue(text.contains("Type parameters:\n  T  the element"), text);
        assertTrue(text.contains("Since:\n  1.2"), text);

        DocComment first = member(demo, "first").doc();
        String method = plain(first, 0);
        assertTrue(method.startsWith("Deprecated:\n  use something else\n\nReturns the first item. Never null."), method);
        assertTrue(method.contains("Parameters:\n  fn     applied to it\n  extra  more, as varargs\n"), method);
        assertTrue(method.contains("Returns:\n  the first item\n"), method);
        assertTrue(method.contains("Throws:\n  IllegalStateException  if empty"), method);
        assertFalse(method.contains("the result type"), "type parameters only at detail 1: " + method);
        assertNull(member(demo, "compareTo").doc().deprecated());
        assertTrue(member(demo, "compareTo").doc().isEmpty());
    }

    @Test
    void markdownEscapesProseAndFencesCode() {
        TypeDoc demo = type(new SourceParser().parse("demo/pkg/Demo.java", SOURCE), "demo.pkg.Demo");
        MarkdownWriter w = new MarkdownWriter();
        w.declaration(demo.declaration());
        w.comment(demo.doc(), 0);
        String md = w.text();
        assertTrue(md.startsWith("```java\npublic final class Demo<T> implements Comparable<Demo<T>>\n```\n\n"
                + "A *demo* type: `List<String>` \\& `get`.\n\nRules:\n\n- one\n- two lists\n\n```\nint x = 1;\n  x++;\n```"),
                md);
    }

    @Test
    void plainTextKeepsWithinTheWidth() {
        String word = "word ";
        DocComment d = new DocComment(List.of(new DocBlock.Paragraph(List.of(new DocInline.Text(word.repeat(80))))),
                List.of(), List.of(), List.of(new DocComment.Tag("aVeryLongParameterNameIndeed", List.of(
                        new DocBlock.Paragraph(List.of(new DocInline.Text(word.repeat(60))))))),
                List.of(), List.of(), List.of(), null, "", List.of());
        PlainTextWriter w = new PlainTextWriter();
        w.declaration("public static <T> void method(" + "String argumentNumberOne, ".repeat(8) + "int last)");
        w.indent();
        w.comment(d, 0);
        for (String line : w.text().split("\n")) assertTrue(line.length() <= PlainTextWriter.WIDTH, line);
    }

    private static String plain(DocComment d, int detail) {
        PlainTextWriter w = new PlainTextWriter();
        w.comment(d, detail);
        return w.text();
    }
}
