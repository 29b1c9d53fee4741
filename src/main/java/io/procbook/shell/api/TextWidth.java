package io.procbook.shell.api;

/**
 * The width of the text the kernel writes itself (magics' help and listings, notes, error messages): within
 * {@value #COLUMNS} columns, so that a notebook's output area or a console shows it without wrapping mid-word.
 * Text that comes from elsewhere (the user's code and output, stack frames) is never rewrapped.
 */
public final class TextWidth {

    /** The widest line the kernel writes of its own. */
    public static final int COLUMNS = 100;

    private TextWidth() { }

    /**
     * Breaks text at spaces into lines of at most {@value #COLUMNS} columns; a word longer than that (a path, a
     * URL) stays whole on a line of its own. The text's own line breaks are kept.
     *
     * @param text        the text, with or without line breaks (no final newline is added or removed)
     * @param firstIndent put before the first line
     * @param indent      put before every other line (the text's own lines and the lines made here)
     * @return the wrapped text
     */
    public static String wrap(String text, String firstIndent, String indent) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) out.append('\n');
            wrapLine(out, lines[i], i == 0 ? firstIndent : indent, indent);
        }
        return out.toString();
    }

    private static void wrapLine(StringBuilder out, String line, String first, String next) {
        String prefix = first;
        String rest = line.stripTrailing();
        while (prefix.length() + rest.length() > COLUMNS) {
            int room = COLUMNS - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) cut = rest.indexOf(' ', room); // one long word: it overflows rather than breaks
            if (cut <= 0) break;
            out.append(prefix).append(rest, 0, cut).append('\n');
            rest = rest.substring(cut + 1).stripLeading();
            prefix = next;
        }
        out.append(prefix).append(rest);
    }
}
