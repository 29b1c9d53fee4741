package io.procbook.shell.help;

import java.util.List;

/**
 * One Javadoc comment, read into blocks of text ({@link DocCommentReader}) for the writers to print.
 *
 * @param body       the main description
 * @param summary    its first sentence
 * @param typeParams the {@code @param <T>} tags
 * @param params     the {@code @param} tags, in the order written
 * @param returns    the {@code @return} text (or an inline {@code {@return}}'s), empty if none
 * @param thrown     the {@code @throws} tags, named as written
 * @param notes      {@code @apiNote}, {@code @implSpec} and {@code @implNote}, each named by its heading
 * @param deprecated the {@code @deprecated} text; null if the element is not deprecated
 * @param since      the {@code @since} text, or ""
 * @param see        the {@code @see} references, as text
 */
record DocComment(List<DocBlock> body, List<DocInline> summary, List<Tag> typeParams, List<Tag> params,
                  List<DocBlock> returns, List<Tag> thrown, List<Tag> notes, List<DocBlock> deprecated,
                  String since, List<String> see) {

    /** A tag that names something ({@code @param fn ...}, {@code @throws X ...}) and says something about it. */
    record Tag(String name, List<DocBlock> text) { }

    static final DocComment NONE = new DocComment(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), null, "", List.of());

    DocComment {
        body = List.copyOf(body);
        summary = List.copyOf(summary);
        typeParams = List.copyOf(typeParams);
        params = List.copyOf(params);
        returns = List.copyOf(returns);
        thrown = List.copyOf(thrown);
        notes = List.copyOf(notes);
        deprecated = deprecated == null ? null : List.copyOf(deprecated);
        see = List.copyOf(see);
    }

    /** @return whether the comment says nothing at all */
    boolean isEmpty() {
        return body.isEmpty() && params.isEmpty() && typeParams.isEmpty() && returns.isEmpty() && thrown.isEmpty()
                && notes.isEmpty() && deprecated == null && since.isEmpty() && see.isEmpty();
    }
}
