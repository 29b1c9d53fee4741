package io.procbook.shell;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPython's help syntax: a cell that is only {@code NAME?} or {@code ?NAME} ({@code ??} for more detail), e.g.
 * {@code String?}, {@code System.out.println?}, {@code %timeit?}. Such a line is never valid Java, so reading it
 * as a help request takes nothing away.
 *
 * @param target the name asked about, e.g. {@code System.out.println} or {@code %timeit}
 * @param detail 0 for {@code ?}, 1 for {@code ??}
 */
record HelpRequest(String target, int detail) {

    private static final String NAME = "%{0,2}[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*(?:\\(\\))?";
    /** {@code NAME?} or, as IPython also takes it, {@code ?NAME}. */
    private static final Pattern CELL = Pattern.compile("(" + NAME + ")\\s*(\\?\\??)|(\\?\\??)\\s*(" + NAME + ")");
    /** A magic's name at the start of a line: what inspect documents when the cursor is on it. */
    private static final Pattern MAGIC = Pattern.compile("^\\s*(%%?[A-Za-z][\\w-]*)");

    /** @return the help request a cell is, if it is one */
    static Optional<HelpRequest> of(String cell) {
        Matcher m = CELL.matcher(cell.strip());
        if (!m.matches()) return Optional.empty();
        boolean suffix = m.group(1) != null;
        String name = suffix ? m.group(1) : m.group(4);
        String marks = suffix ? m.group(2) : m.group(3);
        return Optional.of(new HelpRequest(name.replaceAll("\\s+", ""), marks.length() - 1));
    }

    boolean isMagic() {
        return target.startsWith("%");
    }

    /**
     * @param code   the code being inspected
     * @param cursor the cursor, in chars
     * @return the magic token ({@code %name} or {@code %%name}) the cursor is on or just after, if any
     */
    static Optional<String> magicAt(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        int lineEnd = code.indexOf('\n', cursor);
        Matcher m = MAGIC.matcher(code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd));
        if (!m.find() || cursor - lineStart < m.start(1) || cursor - lineStart > m.end(1)) return Optional.empty();
        return Optional.of(m.group(1));
    }
}
