package io.procbook.shell.help;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the text and HTML tags of a Javadoc comment, in order, into {@link DocBlock}s. Javadoc's HTML is often
 * loose ({@code <p>} and {@code <li>} never closed, a stray {@code </ul>}): an end tag nothing opened is ignored,
 * an item or definition ends where the next begins, and whatever is open at the end is closed.
 */
final class BlockBuilder {

    private static final Set<String> CODE_TAGS = Set.of("code", "tt", "kbd", "samp", "var");
    private static final Set<String> EMPHASIS_TAGS = Set.of("b", "strong", "em", "i", "cite", "dfn");
    private static final Set<String> BREAKING_TAGS = Set.of("p", "div", "section", "hr", "table", "caption",
            "dl", "dt", "center", "address", "main", "article", "header", "footer", "aside", "nav", "figure");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    private enum Kind { ROOT, LIST, ITEM, INDENT, DEFINITION }

    /** A block-level element that is open: what it has collected so far. */
    private static final class Open {
        final Kind kind;
        final boolean ordered;
        final List<DocBlock> blocks = new ArrayList<>();
        final List<List<DocBlock>> items = new ArrayList<>();

        Open(Kind kind, boolean ordered) {
            this.kind = kind;
            this.ordered = ordered;
        }
    }

    private final Deque<Open> open = new ArrayDeque<>();
    private List<DocInline> inlines = new ArrayList<>();
    /** Inside {@code <pre>}: the text so far, kept as written. */
    private StringBuilder pre;
    /** Inside {@code <code>} or {@code <b>}: the text so far, and which of the two. */
    private StringBuilder span;
    private String spanTag;
    private boolean heading;
    private boolean tableCell;

    BlockBuilder() {
        open.push(new Open(Kind.ROOT, false));
    }

    void text(String text) {
        if (pre != null) pre.append(text);
        else if (span != null) span.append(text);
        else inlines.add(new DocInline.Text(text));
    }

    void code(String text) {
        if (pre != null) pre.append(text);
        else if (span != null) span.append(text);
        else inlines.add(new DocInline.Code(text));
    }

    void inheritDoc() {
        if (pre == null && span == null) inlines.add(new DocInline.InheritDoc());
    }

    /** A block of code as it is written ({@code {@snippet}}). */
    void preformatted(String text) {
        endParagraph();
        addBlock(new DocBlock.Preformatted(dedent(text)));
    }

    void startTag(String name, String alt) {
        String tag = name.toLowerCase(Locale.ROOT);
        if (pre != null) return; // markup inside <pre> (<b>, <i>) only styles the code
        if (tag.equals("pre")) {
            endParagraph();
            pre = new StringBuilder();
        } else if (CODE_TAGS.contains(tag) || EMPHASIS_TAGS.contains(tag)) {
            if (span == null) {
                span = new StringBuilder();
                spanTag = tag;
            }
        } else if (tag.equals("br")) {
            if (span == null) inlines.add(new DocInline.Break());
        } else if (tag.equals("img")) {
            if (alt != null && !alt.isBlank()) text(alt);
        } else if (tag.equals("ul") || tag.equals("ol")) {
            endParagraph();
            open.push(new Open(Kind.LIST, tag.equals("ol")));
        } else if (tag.equals("li")) {
            endParagraph();
            closeTo(Kind.LIST, false);
            if (open.peek().kind == Kind.LIST) open.push(new Open(Kind.ITEM, false));
        } else if (tag.equals("dd")) {
            endParagraph();
            closeDefinition();
            open.push(new Open(Kind.DEFINITION, false));
        } else if (tag.equals("blockquote")) {
            endParagraph();
            open.push(new Open(Kind.INDENT, false));
        } else if (HEADINGS.contains(tag)) {
            endParagraph();
            heading = true;
        } else if (tag.equals("tr")) {
            endParagraph();
            tableCell = false;
        } else if (tag.equals("td") || tag.equals("th")) {
            if (tableCell) inlines.add(new DocInline.Text(" | "));
            tableCell = true;
        } else if (BREAKING_TAGS.contains(tag)) {
            endParagraph();
            if (tag.equals("dt") || tag.equals("dl")) closeDefinition();
        }
    }

    void endTag(String name) {
        String tag = name.toLowerCase(Locale.ROOT);
        if (pre != null) {
            if (tag.equals("pre")) {
                String text = pre.toString();
                pre = null;
                addBlock(new DocBlock.Preformatted(dedent(text)));
            }
            return;
        }
        if (span != null) {
            if (tag.equals(spanTag)) endSpan();
            return;
        }
        if (tag.equals("ul") || tag.equals("ol")) {
            endParagraph();
            closeTo(Kind.LIST, true);
        } else if (tag.equals("li")) {
            endParagraph();
            closeTo(Kind.LIST, false);
        } else if (tag.equals("dd") || tag.equals("dl")) {
            endParagraph();
            closeDefinition();
        } else if (tag.equals("blockquote")) {
            endParagraph();
            if (open.peek().kind == Kind.INDENT) close();
        } else if (HEADINGS.contains(tag)) {
            endParagraph();
        } else if (tag.equals("tr") || BREAKING_TAGS.contains(tag)) {
            endParagraph();
        }
    }

    /** @return the blocks, everything still open closed */
    List<DocBlock> finish() {
        if (pre != null) {
            String text = pre.toString();
            pre = null;
            addBlock(new DocBlock.Preformatted(dedent(text)));
        }
        endParagraph();
        while (open.size() > 1) close();
        return List.copyOf(open.peek().blocks);
    }

    /** @return the inline runs of blocks, one space between blocks (for one-line texts such as a summary) */
    static List<DocInline> inlines(List<DocBlock> blocks) {
        List<DocInline> all = new ArrayList<>();
        for (DocBlock b : blocks) {
            if (!all.isEmpty()) all.add(new DocInline.Text(" "));
            if (b instanceof DocBlock.Paragraph p) all.addAll(p.inlines());
            else if (b instanceof DocBlock.Heading h) all.addAll(h.inlines());
            else if (b instanceof DocBlock.Preformatted p) all.add(new DocInline.Code(p.text()));
            else if (b instanceof DocBlock.Items l) l.items().forEach(item -> all.addAll(inlines(item)));
            else if (b instanceof DocBlock.Indented i) all.addAll(inlines(i.blocks()));
        }
        return all;
    }

    private void endSpan() {
        String text = span.toString();
        boolean code = CODE_TAGS.contains(spanTag);
        span = null;
        spanTag = null;
        inlines.add(code ? new DocInline.Code(text) : new DocInline.Emphasis(text));
    }

    private void endParagraph() {
        if (span != null) endSpan();
        boolean empty = inlines.stream().allMatch(i -> i instanceof DocInline.Text t && t.text().isBlank());
        if (!empty) {
            addBlock(heading ? new DocBlock.Heading(List.copyOf(inlines)) : new DocBlock.Paragraph(List.copyOf(inlines)));
        }
        inlines = new ArrayList<>();
        heading = false;
        tableCell = false;
    }

    private void addBlock(DocBlock block) {
        Open top = open.peek();
        if (top.kind == Kind.LIST) {
            // text between <ul> and its first <li>: an item of its own
            Open item = new Open(Kind.ITEM, false);
            open.push(item);
            top = item;
        }
        top.blocks.add(block);
    }

    /** Closes open elements down to the innermost of a kind (and that one too if {@code inclusive}). */
    private void closeTo(Kind kind, boolean inclusive) {
        if (open.stream().noneMatch(o -> o.kind == kind)) return;
        while (open.peek().kind != kind) close();
        if (inclusive) close();
    }

    private void closeDefinition() {
        if (open.peek().kind == Kind.DEFINITION) close();
    }

    private void close() {
        Open done = open.pop();
        Open parent = open.peek();
        switch (done.kind) {
            case ITEM -> parent.items.add(List.copyOf(done.blocks));
            case LIST -> {
                if (!done.items.isEmpty()) addBlock(new DocBlock.Items(done.ordered, List.copyOf(done.items)));
            }
            case INDENT, DEFINITION -> {
                if (!done.blocks.isEmpty()) addBlock(new DocBlock.Indented(List.copyOf(done.blocks)));
            }
            case ROOT -> throw new IllegalStateException("the root is never closed");
        }
    }

    /** Lines as written, without the blank lines around them and the indentation they all share. */
    static String dedent(String text) {
        List<String> lines = new ArrayList<>(List.of(text.replace("\r", "").split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) lines.remove(0);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (line.isBlank()) continue;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') indent++;
            common = Math.min(common, indent);
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(line.isBlank() ? "" : line.substring(Math.min(common, line.length())).stripTrailing());
        }
        return sb.toString();
    }
}
