package io.procbook.shell.help;

import java.util.List;

/**
 * Writes a help page in one format ({@link PlainTextWriter}, {@link MarkdownWriter}). The page's content and
 * the order of a comment's sections are decided here, once for both formats; a format decides only how each
 * part looks.
 */
abstract class DocWriter {

    /** The first line: what the page is about. */
    abstract void title(String text);

    /** A declaration or signature: code. */
    abstract void declaration(String code);

    abstract void blocks(List<DocBlock> blocks);

    /** A labelled list of named texts: parameters, exceptions. */
    abstract void entries(String label, List<DocComment.Tag> entries);

    /** A labelled text: what a method returns, a note. */
    abstract void labelled(String label, List<DocBlock> text);

    /** A labelled list of declarations, each with a one-line summary: a type's members. */
    abstract void summaries(String label, List<Summary> summaries);

    /** Something the kernel says itself (documentation not installed, no documentation found). */
    abstract void note(String text);

    /** Whatever is written until {@link #outdent()} belongs to the declaration above it. */
    abstract void indent();

    abstract void outdent();

    /** @return the page */
    abstract String text();

    /** A member in a type's list of members. */
    record Summary(String declaration, List<DocInline> summary) { }

    /**
     * Writes a comment's sections in javadoc's order. At detail 0 what a caller needs (the description, the
     * parameters, the result and the exceptions); at detail 1 also its notes, type parameters, since and see.
     */
    final void comment(DocComment d, int detail) {
        if (d.deprecated() != null) labelled("Deprecated", d.deprecated());
        blocks(d.body());
        if (detail > 0) {
            for (DocComment.Tag note : d.notes()) labelled(note.name(), note.text());
            entries("Type parameters", d.typeParams());
        }
        entries("Parameters", d.params());
        if (!d.returns().isEmpty()) labelled("Returns", d.returns());
        entries("Throws", d.thrown());
        if (detail > 0 && !d.since().isEmpty()) labelled("Since", paragraph(d.since()));
        if (detail > 0 && !d.see().isEmpty()) labelled("See also", paragraph(String.join(", ", d.see())));
    }

    private static List<DocBlock> paragraph(String text) {
        return List.of(new DocBlock.Paragraph(List.of(new DocInline.Text(text))));
    }
}
