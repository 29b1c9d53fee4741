package io.procbook.shell.help;

import java.util.List;

/** A block of a Javadoc comment: what its HTML ({@code <p>}, {@code <ul>}, {@code <pre>}...) stands for. */
sealed interface DocBlock {

    record Paragraph(List<DocInline> inlines) implements DocBlock { }

    /** {@code <pre>} and {@code {@snippet}}: lines kept as written, common indentation removed. */
    record Preformatted(String text) implements DocBlock { }

    /** {@code <ul>} or {@code <ol>}; each item is a list of blocks. */
    record Items(boolean ordered, List<List<DocBlock>> items) implements DocBlock { }

    record Heading(List<DocInline> inlines) implements DocBlock { }

    /** {@code <dd>} and {@code <blockquote>}. */
    record Indented(List<DocBlock> blocks) implements DocBlock { }
}
