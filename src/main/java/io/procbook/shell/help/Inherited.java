package io.procbook.shell.help;

import java.util.ArrayList;
import java.util.List;

/**
 * Javadoc's comment inheritance for a method that overrides another: what its own comment leaves out (the
 * whole description, a parameter, the return value) or marks {@code {@inheritDoc}} comes from the overridden
 * method's comment. Parameters are matched by position, since an override may rename them.
 */
final class Inherited {

    private Inherited() { }

    /** @return whether a method's comment leaves out something the overridden method's may say */
    static boolean incomplete(MemberDoc m) {
        DocComment d = m.doc();
        if (d.body().isEmpty() || hasInheritDoc(d.body()) || hasInheritDoc(d.returns())) return true;
        if (m.returnsValue() && d.returns().isEmpty()) return true;
        if (d.params().size() < m.paramNames().size()) return true;
        for (DocComment.Tag t : d.params()) if (hasInheritDoc(t.text())) return true;
        for (DocComment.Tag t : d.thrown()) if (hasInheritDoc(t.text())) return true;
        return false;
    }

    /**
     * @param own        the overriding method
     * @param overridden the method it overrides, its own comment already completed
     * @return the overriding method's comment completed from the overridden one's
     */
    static DocComment merge(MemberDoc own, MemberDoc overridden) {
        DocComment mine = own.doc();
        DocComment theirs = overridden.doc();
        List<DocBlock> body = mine.body().isEmpty() ? theirs.body() : splice(mine.body(), theirs.body());
        List<DocInline> summary = mine.body().isEmpty() || hasInheritDoc(mine.body()) && mine.summary().stream()
                .allMatch(i -> i instanceof DocInline.InheritDoc || i instanceof DocInline.Text t && t.text().isBlank())
                ? theirs.summary() : mine.summary();
        List<DocComment.Tag> params = new ArrayList<>();
        for (int i = 0; i < own.paramNames().size(); i++) {
            String name = own.paramNames().get(i);
            DocComment.Tag tag = tag(mine.params(), name);
            DocComment.Tag inherited = i < overridden.paramNames().size()
                    ? tag(theirs.params(), overridden.paramNames().get(i)) : null;
            if (tag == null && inherited != null) tag = new DocComment.Tag(name, inherited.text());
            else if (tag != null && inherited != null) tag = new DocComment.Tag(name, splice(tag.text(), inherited.text()));
            if (tag != null) params.add(tag);
        }
        List<DocBlock> returns = mine.returns().isEmpty() ? theirs.returns() : splice(mine.returns(), theirs.returns());
        List<DocComment.Tag> thrown = new ArrayList<>();
        for (DocComment.Tag t : mine.thrown()) {
            DocComment.Tag inherited = tag(theirs.thrown(), t.name());
            thrown.add(inherited == null ? t : new DocComment.Tag(t.name(), splice(t.text(), inherited.text())));
        }
        List<DocComment.Tag> typeParams = mine.typeParams().isEmpty() ? theirs.typeParams() : mine.typeParams();
        return new DocComment(body, summary, typeParams, params, returns, thrown, mine.notes(), mine.deprecated(),
                mine.since(), mine.see());
    }

    private static DocComment.Tag tag(List<DocComment.Tag> tags, String name) {
        for (DocComment.Tag t : tags) if (t.name().equals(name)) return t;
        return null;
    }

    static boolean hasInheritDoc(List<DocBlock> blocks) {
        return BlockBuilder.inlines(blocks).stream().anyMatch(i -> i instanceof DocInline.InheritDoc);
    }

    /** Each paragraph that holds {@code {@inheritDoc}} becomes its text before, the inherited blocks, its text after. */
    private static List<DocBlock> splice(List<DocBlock> own, List<DocBlock> inherited) {
        List<DocBlock> out = new ArrayList<>();
        for (DocBlock b : own) {
            if (!(b instanceof DocBlock.Paragraph p) || p.inlines().stream().noneMatch(i -> i instanceof DocInline.InheritDoc)) {
                out.add(b);
                continue;
            }
            List<DocInline> run = new ArrayList<>();
            for (DocInline i : p.inlines()) {
                if (!(i instanceof DocInline.InheritDoc)) {
                    run.add(i);
                    continue;
                }
                // an inherited single paragraph continues the sentence; several stand as blocks
                if (inherited.size() == 1 && inherited.get(0) instanceof DocBlock.Paragraph only) {
                    run.addAll(only.inlines());
                } else {
                    if (!run.isEmpty()) out.add(new DocBlock.Paragraph(List.copyOf(run)));
                    run.clear();
                    out.addAll(inherited);
                }
            }
            if (!run.isEmpty()) out.add(new DocBlock.Paragraph(List.copyOf(run)));
        }
        return out;
    }
}
