package io.procbook.shell.help;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The help page as Markdown, which JupyterLab's tooltip and contextual help render (declarations as
 * highlighted Java, code in prose as code). Prose is escaped, so that a {@code List<String>} or a {@code *}
 * in a comment reads as written.
 */
final class MarkdownWriter extends DocWriter {

    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>#|~&]");
    private static final Pattern LIST_LIKE = Pattern.compile("^(\\s*)([-+]|\\d+[.)])");

    private final StringBuilder out = new StringBuilder();

    @Override
    void title(String text) {
        part("**" + escape(text) + "**");
    }

    @Override
    void declaration(String code) {
        part(fence("java", code));
    }

    @Override
    void blocks(List<DocBlock> blocks) {
        for (DocBlock b : blocks) part(block(b));
    }

    @Override
    void entries(String label, List<DocComment.Tag> entries) {
        if (entries.isEmpty()) return;
        StringBuilder sb = new StringBuilder("**").append(label).append("**\n");
        for (DocComment.Tag t : entries) {
            sb.append("\n- ").append(code(t.name()));
            String text = blocksText(t.text());
            if (!text.isEmpty()) sb.append(" \u2014 ").append(indentRest(text, "  "));
        }
        part(sb.toString());
    }

    @Override
    void labelled(String label, List<DocBlock> text) {
        if (text.isEmpty()) return;
        part("**" + label + "**\n\n" + blocksText(text));
    }

    @Override
    void summaries(String label, List<Summary> summaries) {
        if (summaries.isEmpty()) return;
        StringBuilder sb = new StringBuilder("**").append(label).append("**\n");
        for (Summary s : summaries) {
            sb.append("\n- ").append(code(s.declaration()));
            String summary = inlines(s.summary());
            if (!summary.isEmpty()) sb.append("  \n  ").append(summary);
        }
        part(sb.toString());
    }

    @Override
    void note(String text) {
        part("*" + escape(text) + "*");
    }

    @Override
    void indent() {
        // Markdown separates by its own structure (fenced declarations, bold labels)
    }

    @Override
    void outdent() {
    }

    @Override
    String text() {
        return out.toString();
    }

    private void part(String text) {
        if (text.isBlank()) return;
        if (out.length() > 0) out.append("\n\n");
        out.append(text.strip());
    }

    private String blocksText(List<DocBlock> blocks) {
        StringBuilder sb = new StringBuilder();
        for (DocBlock b : blocks) {
            String text = block(b);
            if (text.isBlank()) continue;
            if (sb.length() > 0) sb.append("\n\n");
            sb.append(text);
        }
        return sb.toString();
    }

    private String block(DocBlock b) {
        if (b instanceof DocBlock.Paragraph p) return inlines(p.inlines());
        if (b instanceof DocBlock.Heading h) return "**" + inlines(h.inlines()) + "**";
        if (b instanceof DocBlock.Preformatted p) return fence("", p.text());
        if (b instanceof DocBlock.Indented i) return indentAll(blocksText(i.blocks()), "> ");
        if (b instanceof DocBlock.Items list) {
            StringBuilder sb = new StringBuilder();
            int n = 0;
            for (List<DocBlock> item : list.items()) {
                String mark = list.ordered() ? (++n) + ". " : "- ";
                if (sb.length() > 0) sb.append('\n');
                sb.append(mark).append(indentRest(blocksText(item), " ".repeat(mark.length())));
            }
            return sb.toString();
        }
        return "";
    }

    private static String inlines(List<DocInline> inlines) {
        StringBuilder sb = new StringBuilder();
        for (DocInline i : inlines) {
            if (i instanceof DocInline.Text t) sb.append(escape(t.text()));
            else if (i instanceof DocInline.Code c) sb.append(code(c.text()));
            else if (i instanceof DocInline.Emphasis e && !e.text().isBlank()) sb.append('*').append(escape(e.text().strip())).append('*');
            else if (i instanceof DocInline.Break) sb.append("<br>");
        }
        String flat = sb.toString().replaceAll("\\s+", " ").strip();
        // prose that starts like a list item or a numbered line is not one
        Matcher m = LIST_LIKE.matcher(flat);
        return m.find() ? m.group(1) + "\\" + flat.substring(m.group(1).length()) : flat;
    }

    private static String escape(String text) {
        return SPECIAL.matcher(text).replaceAll(r -> Matcher.quoteReplacement("\\" + r.group()));
    }

    private static String code(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        if (t.isEmpty()) return "";
        String ticks = "`".repeat(longestRun(t, '`') + 1);
        boolean pad = t.startsWith("`") || t.endsWith("`");
        return ticks + (pad ? " " + t + " " : t) + ticks;
    }

    private static String fence(String language, String code) {
        String ticks = "`".repeat(Math.max(3, longestRun(code, '`') + 1));
        return ticks + language + "\n" + code + "\n" + ticks;
    }

    private static int longestRun(String s, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    private static String indentRest(String text, String prefix) {
        return text.replace("\n", "\n" + prefix);
    }

    private static String indentAll(String text, String prefix) {
        return prefix + indentRest(text, prefix);
    }
}
