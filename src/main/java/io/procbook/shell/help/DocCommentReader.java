package io.procbook.shell.help;

import com.sun.source.doctree.AttributeTree;
import com.sun.source.doctree.DeprecatedTree;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EndElementTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.IndexTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReferenceTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.SeeTree;
import com.sun.source.doctree.SinceTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.SummaryTree;
import com.sun.source.doctree.SystemPropertyTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.doctree.ThrowsTree;
import com.sun.source.doctree.UnknownBlockTagTree;
import com.sun.source.doctree.UnknownInlineTagTree;
import com.sun.source.doctree.ValueTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a comment as javac parsed it ({@link DocCommentTree}) into a {@link DocComment}. Tags newer than Java 17
 * ({@code {@snippet}}, Markdown comments) are read by name, so that a kernel built for 17 reads the sources
 * of the JDK it runs on.
 */
final class DocCommentReader {

    private static final Map<String, String> NOTE_HEADINGS = Map.of(
            "apiNote", "API Note", "implSpec", "Implementation Requirements", "implNote", "Implementation Note");

    private DocCommentReader() { }

    static DocComment read(DocCommentTree tree) {
        List<DocComment.Tag> typeParams = new ArrayList<>();
        List<DocComment.Tag> params = new ArrayList<>();
        List<DocBlock> returns = new ArrayList<>();
        List<DocComment.Tag> thrown = new ArrayList<>();
        List<DocComment.Tag> notes = new ArrayList<>();
        List<DocBlock> deprecated = null;
        String since = "";
        List<String> see = new ArrayList<>();
        for (DocTree tag : tree.getBlockTags()) {
            switch (tag.getKind()) {
                case PARAM -> {
                    ParamTree p = (ParamTree) tag;
                    DocComment.Tag t = new DocComment.Tag(p.getName().getName().toString(), blocks(p.getDescription()));
                    (p.isTypeParameter() ? typeParams : params).add(t);
                }
                case RETURN -> returns = blocks(((ReturnTree) tag).getDescription());
                case THROWS, EXCEPTION -> {
                    ThrowsTree t = (ThrowsTree) tag;
                    thrown.add(new DocComment.Tag(References.text(t.getExceptionName().getSignature()),
                            blocks(t.getDescription())));
                }
                case SEE -> see.add(oneLine(((SeeTree) tag).getReference()));
                case SINCE -> since = oneLine(((SinceTree) tag).getBody());
                case DEPRECATED -> deprecated = blocks(((DeprecatedTree) tag).getBody());
                case UNKNOWN_BLOCK_TAG -> {
                    UnknownBlockTagTree u = (UnknownBlockTagTree) tag;
                    String heading = NOTE_HEADINGS.get(u.getTagName());
                    if (heading != null) notes.add(new DocComment.Tag(heading, blocks(u.getContent())));
                }
                default -> { } // @author, @serial, @hidden and the like say nothing to a caller
            }
        }
        List<DocBlock> body = blocks(tree.getFullBody());
        if (returns.isEmpty()) returns = inlineReturn(tree.getFullBody());
        List<DocInline> summary = BlockBuilder.inlines(blocks(tree.getFirstSentence()));
        return new DocComment(body, summary, typeParams, params, returns, thrown, notes, deprecated, since, see);
    }

    /** {@code {@return the length}} at the start of a body is also the method's {@code @return}. */
    private static List<DocBlock> inlineReturn(List<? extends DocTree> body) {
        for (DocTree t : body) {
            if (t.getKind() == DocTree.Kind.RETURN) return blocks(((ReturnTree) t).getDescription());
        }
        return List.of();
    }

    static List<DocBlock> blocks(List<? extends DocTree> trees) {
        BlockBuilder b = new BlockBuilder();
        add(b, trees);
        return b.finish();
    }

    private static String oneLine(List<? extends DocTree> trees) {
        StringBuilder sb = new StringBuilder();
        for (DocInline i : BlockBuilder.inlines(blocks(trees))) {
            if (i instanceof DocInline.Text t) sb.append(t.text());
            else if (i instanceof DocInline.Code c) sb.append(c.text());
            else if (i instanceof DocInline.Emphasis e) sb.append(e.text());
            else sb.append(' ');
        }
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

    private static void add(BlockBuilder b, List<? extends DocTree> trees) {
        for (DocTree t : trees) add(b, t);
    }

    private static void add(BlockBuilder b, DocTree t) {
        switch (t.getKind().name()) {
            case "TEXT", "ERRONEOUS" -> b.text(((TextTree) t).getBody());
            case "ENTITY" -> b.text(HtmlEntities.decode(((EntityTree) t).getName().toString()));
            case "START_ELEMENT" -> {
                StartElementTree s = (StartElementTree) t;
                b.startTag(s.getName().toString(), attribute(s, "alt"));
                if (s.isSelfClosing()) b.endTag(s.getName().toString());
            }
            case "END_ELEMENT" -> b.endTag(((EndElementTree) t).getName().toString());
            case "CODE" -> b.code(((LiteralTree) t).getBody().getBody());
            case "LITERAL" -> b.text(((LiteralTree) t).getBody().getBody());
            case "LINK", "LINK_PLAIN" -> {
                LinkTree l = (LinkTree) t;
                String text = l.getLabel().isEmpty() ? References.text(l.getReference().getSignature()) : oneLine(l.getLabel());
                if (t.getKind() == DocTree.Kind.LINK) b.code(text);
                else b.text(text);
            }
            case "VALUE" -> {
                ReferenceTree r = ((ValueTree) t).getReference();
                if (r != null) b.code(References.text(r.getSignature()));
            }
            case "INHERIT_DOC" -> b.inheritDoc();
            case "SUMMARY" -> add(b, ((SummaryTree) t).getSummary());
            case "INDEX" -> add(b, ((IndexTree) t).getSearchTerm());
            case "SYSTEM_PROPERTY" -> b.code(((SystemPropertyTree) t).getPropertyName().toString());
            case "RETURN" -> { // the inline form, {@return ...}: javadoc writes "Returns ...."
                b.text("Returns ");
                add(b, ((ReturnTree) t).getDescription());
                b.text(". ");
            }
            case "UNKNOWN_INLINE_TAG" -> add(b, ((UnknownInlineTagTree) t).getContent());
            case "SNIPPET" -> { // Java 18+: {@snippet : ...}; an external snippet has no body here
                Object body = NewerTrees.call(t, "com.sun.source.doctree.SnippetTree", "getBody");
                if (body instanceof TextTree text) b.preformatted(text.getBody());
            }
            case "MARKDOWN" -> { // Java 23+: a /// comment's text (Markdown reads well enough as it is)
                Object text = NewerTrees.call(t, "com.sun.source.doctree.RawTextTree", "getContent");
                if (text != null) b.text(text.toString());
            }
            case "ESCAPE" -> { // Java 21+: @@ and the like
                Object text = NewerTrees.call(t, "com.sun.source.doctree.EscapeTree", "getBody");
                if (text != null) b.text(text.toString());
            }
            default -> { } // {@docRoot}, HTML comments and the rest print nothing
        }
    }

    private static String attribute(StartElementTree s, String name) {
        for (DocTree a : s.getAttributes()) {
            if (a instanceof AttributeTree at && at.getName().contentEquals(name) && at.getValue() != null) {
                return oneLine(at.getValue());
            }
        }
        return null;
    }
}
