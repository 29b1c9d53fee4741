package io.procbook.shell.help;

import java.util.ArrayList;
import java.util.List;

/**
 * The help page as plain text, every line within {@value #WIDTH} columns (what consoles and JupyterLab's
 * inspector show when a front end takes no Markdown). Prose is reflowed, code keeps its lines.
 */
final class PlainTextWriter extends DocWriter {

    static final int WIDTH = 100;
    private static final int STEP = 4;
    private static final int MAX_NAME_COLUMN = 24;

    private final StringBuilder out = new StringBuilder();
    private int indent;

    @Override
    void title(String text) {
        separate();
        wrap(text, indent, indent);
    }

    @Override
    void declaration(String code) {
        separate();
        code(code, indent);
    }

    /**
     * A declaration on as many lines as it needs, the later ones indented under the first: broken after a
     * comma between parameters (not inside {@code Map<K, V>}), else at a space.
     */
    private void code(String code, int at) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth = Math.max(0, depth - 1);
            else if (c == ' ' && depth == 0 && i > 0 && code.charAt(i - 1) == ',') {
                parts.add(code.substring(start, i + 1));
                start = i + 1;
            }
        }
        parts.add(code.substring(start));
        StringBuilder current = new StringBuilder();
        int lineAt = at;
        for (String part : parts) {
            if (current.length() > 0 && lineAt + current.length() + part.length() > WIDTH) {
                flushCode(current.toString(), lineAt, at + 2 * STEP);
                current.setLength(0);
                lineAt = at + 2 * STEP;
            }
            current.append(part);
        }
        if (current.length() > 0) flushCode(current.toString(), lineAt, at + 2 * STEP);
    }

    /** One line of a declaration; a piece longer than the width (a long type) is broken at its spaces. */
    private void flushCode(String text, int first, int rest) {
        if (first + text.length() <= WIDTH) line(first, text.stripTrailing());
        else wrap(text, first, rest);
    }

    @Override
    void blocks(List<DocBlock> blocks) {
        for (DocBlock b : blocks) {
            separate();
            block(b, indent);
        }
    }

    @Override
    void entries(String label, List<DocComment.Tag> entries) {
        if (entries.isEmpty()) return;
        separate();
        line(indent, label + ":");
        int column = 0;
        for (DocComment.Tag t : entries) column = Math.max(column, t.name().length());
        column = Math.min(column, MAX_NAME_COLUMN) + 2;
        for (DocComment.Tag t : entries) {
            String name = t.name();
            List<DocBlock> text = t.text();
            int textAt = indent + 2 + column;
            if (name.length() + 2 > column || text.isEmpty() || !(text.get(0) instanceof DocBlock.Paragraph first)) {
                line(indent + 2, name);
                for (DocBlock b : text) block(b, textAt);
                continue;
            }
            // the name, then the first paragraph beside it, hanging
            List<String> lines = reflow(first.inlines(), WIDTH - textAt);
            String pad = " ".repeat(column - name.length());
            line(indent + 2, name + pad + (lines.isEmpty() ? "" : lines.get(0)));
            for (int i = 1; i < lines.size(); i++) line(textAt, lines.get(i));
            for (int i = 1; i < text.size(); i++) block(text.get(i), textAt);
        }
    }

    @Override
    void labelled(String label, List<DocBlock> text) {
        if (text.isEmpty()) return;
        separate();
        line(indent, label + ":");
        for (DocBlock b : text) block(b, indent + 2);
    }

    @Override
    void summaries(String label, List<Summary> summaries) {
        if (summaries.isEmpty()) return;
        separate();
        line(indent, label + ":");
        for (Summary s : summaries) {
            code(s.declaration(), indent + 2);
            for (String l : reflow(s.summary(), WIDTH - indent - 2 - STEP)) line(indent + 2 + STEP, l);
        }
    }

    @Override
    void note(String text) {
        separate();
        wrap(text, indent, indent);
    }

    @Override
    void indent() {
        indent += STEP;
    }

    @Override
    void outdent() {
        indent = Math.max(0, indent - STEP);
    }

    @Override
    String text() {
        return out.toString();
    }

    private void block(DocBlock b, int at) {
        if (b instanceof DocBlock.Paragraph p) {
            for (String l : reflow(p.inlines(), WIDTH - at)) line(at, l);
        } else if (b instanceof DocBlock.Heading h) {
            for (String l : reflow(h.inlines(), WIDTH - at)) line(at, l);
        } else if (b instanceof DocBlock.Preformatted p) {
            for (String l : p.text().split("\n", -1)) line(at + STEP, clip(l, WIDTH - at - STEP));
        } else if (b instanceof DocBlock.Items list) {
            int n = 0;
            for (List<DocBlock> item : list.items()) {
                String mark = list.ordered() ? (++n) + ". " : "- ";
                int textAt = at + mark.length();
                boolean first = true;
                for (DocBlock inner : item) {
                    if (first && inner instanceof DocBlock.Paragraph p) {
                        List<String> lines = reflow(p.inlines(), WIDTH - textAt);
                        for (int i = 0; i < lines.size(); i++) line(i == 0 ? at : textAt, (i == 0 ? mark : "") + lines.get(i));
                    } else {
                        if (first) line(at, mark.strip());
                        block(inner, textAt);
                    }
                    first = false;
                }
            }
        } else if (b instanceof DocBlock.Indented i) {
            for (DocBlock inner : i.blocks()) block(inner, at + STEP);
        }
    }

    /** Prose as lines of at most {@code width} columns; a {@code <br>} starts a new line. */
    static List<String> reflow(List<DocInline> inlines, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (DocInline i : inlines) {
            if (i instanceof DocInline.Break) {
                lines.addAll(fill(segment.toString(), width));
                segment.setLength(0);
            } else {
                segment.append(text(i));
            }
        }
        lines.addAll(fill(segment.toString(), width));
        return lines;
    }

    private static String text(DocInline i) {
        if (i instanceof DocInline.Text t) return t.text();
        if (i instanceof DocInline.Code c) return c.text();
        if (i instanceof DocInline.Emphasis e) return e.text();
        return "";
    }

    private static List<String> fill(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) continue;
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    private void wrap(String text, int first, int rest) {
        List<String> lines = fill(text, WIDTH - rest);
        for (int i = 0; i < lines.size(); i++) line(i == 0 ? first : rest, lines.get(i));
    }

    private static String clip(String line, int width) {
        return line.length() <= Math.max(width, 8) ? line : line.substring(0, Math.max(width, 8) - 1) + "\u2026";
    }

    private void separate() {
        int n = out.length();
        if (n > 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) out.append('\n');
    }

    private void line(int at, String text) {
        out.append(" ".repeat(Math.max(0, at))).append(text.replace('\u00a0', ' ').stripTrailing()).append('\n');
    }
}
