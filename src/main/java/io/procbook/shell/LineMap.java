package io.procbook.shell;

import java.util.Arrays;

/** Line and column of character offsets in a cell's text (both counted from 0 here, shown from 1). */
final class LineMap {

    private final String text;
    private final int[] starts;

    LineMap(String text) {
        this.text = text;
        this.starts = starts(text);
    }

    /** @return the offset at which each line of {@code text} starts */
    static int[] starts(String text) {
        int[] s = new int[16];
        int n = 0;
        s[n++] = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (n == s.length) s = Arrays.copyOf(s, n * 2);
            s[n++] = i + 1;
        }
        return Arrays.copyOf(s, n);
    }

    /** @return the 0-based line holding {@code offset} (clamped to the text) */
    int lineOf(int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= o) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** @return the offset where the 0-based line starts */
    int lineStart(int line) {
        return starts[Math.max(0, Math.min(line, starts.length - 1))];
    }

    /** @return the text of the 0-based line, without its terminator */
    String line(int line) {
        int start = lineStart(line);
        int end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, Math.max(start, end));
    }

    int lineCount() {
        return starts.length;
    }
}
