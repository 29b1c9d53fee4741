package io.procbook.shell.help;

/** A run of text inside a paragraph of a Javadoc comment, as the writers print it. */
sealed interface DocInline {

    /** Prose; its whitespace is not significant (the writers reflow it). */
    record Text(String text) implements DocInline { }

    /** {@code {@code x}}, {@code <code>x</code>} and {@code {@link X}}: code in prose. */
    record Code(String text) implements DocInline { }

    /** {@code <b>}, {@code <em>} and the like. */
    record Emphasis(String text) implements DocInline { }

    /** {@code <br>}. */
    record Break() implements DocInline { }

    /** {@code {@inheritDoc}}: replaced by the overridden method's text when that is found (see {@link Inherited}). */
    record InheritDoc() implements DocInline { }
}
