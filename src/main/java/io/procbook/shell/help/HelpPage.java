package io.procbook.shell.help;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes topics as the mime bundle of an inspect reply or a {@code NAME?} page: {@code text/plain} (lines
 * within 100 columns) and {@code text/markdown}.
 */
final class HelpPage {

    private HelpPage() { }

    /**
     * @param topics what was found, in the order JShell gave it
     * @param detail 0 for {@code ?} and Shift+Tab, 1 for {@code ??}: more of each comment, and a type's members
     * @param note   a closing note from the kernel (e.g. the JDK's documentation is not installed), or null
     */
    static Map<String, Object> of(List<Topic> topics, int detail, String note) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", write(new PlainTextWriter(), topics, detail, note));
        data.put("text/markdown", write(new MarkdownWriter(), topics, detail, note));
        return data;
    }

    private static String write(DocWriter w, List<Topic> topics, int detail, String note) {
        for (Topic t : topics) {
            if (t instanceof Topic.Type type) type(w, type, detail);
            else if (t instanceof Topic.Members members) members(w, members, detail);
            else if (t instanceof Topic.Variable v) variable(w, v);
        }
        if (note != null) w.note(note);
        return w.text();
    }

    private static void type(DocWriter w, Topic.Type t, int detail) {
        w.title(t.name());
        TypeDoc doc = t.doc();
        w.declaration(doc != null && !doc.declaration().isEmpty() ? doc.declaration() : t.declaration());
        if (doc == null) return;
        w.comment(doc.doc(), detail);
        w.summaries("Constructors", summaries(doc, MemberDoc.Kind.CONSTRUCTOR));
        if (detail > 0) {
            w.summaries("Methods", summaries(doc, MemberDoc.Kind.METHOD));
            List<DocWriter.Summary> fields = summaries(doc, MemberDoc.Kind.ENUM_CONSTANT);
            fields.addAll(summaries(doc, MemberDoc.Kind.FIELD));
            w.summaries("Fields", fields);
        }
    }

    private static List<DocWriter.Summary> summaries(TypeDoc doc, MemberDoc.Kind kind) {
        List<DocWriter.Summary> list = new ArrayList<>();
        for (MemberDoc m : doc.members()) {
            if (m.kind() == kind && m.visible()) list.add(new DocWriter.Summary(m.declaration(), m.doc().summary()));
        }
        return list;
    }

    private static void members(DocWriter w, Topic.Members m, int detail) {
        w.title(m.title());
        for (Topic.Overload o : m.overloads()) {
            w.declaration(o.declaration());
            if (o.doc() == null || o.doc().isEmpty()) continue;
            w.indent();
            w.comment(o.doc(), detail);
            w.outdent();
        }
    }

    /**
     * Long lines broken after a space where there is one, else cut: a value is not prose to reflow, and a
     * clipped line would hide its end.
     */
    private static String hardWrapped(String text, int width) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (sb.length() > 0) sb.append('\n');
            String rest = line;
            while (rest.length() > width) {
                int space = rest.lastIndexOf(' ', width);
                int cut = space > width / 2 ? space + 1 : width;
                sb.append(rest, 0, cut).append('\n');
                rest = rest.substring(cut);
            }
            sb.append(rest);
        }
        return sb.toString();
    }

    private static void variable(DocWriter w, Topic.Variable v) {
        String head = v.name() + ": " + v.type();
        if (!v.value().contains("\n") && head.length() + 3 + v.value().length() <= PlainTextWriter.WIDTH) {
            w.declaration(head + " = " + v.value());
        } else {
            w.declaration(head);
            w.blocks(List.of(new DocBlock.Preformatted(hardWrapped(v.value(), PlainTextWriter.WIDTH - 8))));
        }
        TypeDoc t = v.typeDoc();
        if (t == null || t.doc().summary().isEmpty()) return; // the type is in the first line already
        w.declaration(t.declaration());
        w.indent();
        w.blocks(List.of(new DocBlock.Paragraph(t.doc().summary())));
        w.outdent();
    }
}
