package io.procbook.shell.help;

import io.procbook.display.ValueText;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A variable's value as a few lines of text for {@code x?}: strings quoted, arrays and large collections cut
 * after their first elements (a 100-million-element array is not formatted whole), anything else by its
 * {@code toString()}, cut. {@code toString()} is the variable's own code: it runs on a thread of its own, and a
 * page does not wait for it longer than {@value #WAIT_MILLIS} ms.
 */
final class ValuePreview {

    static final int MAX_CHARS = 600;
    static final int MAX_LINES = 8;
    static final long WAIT_MILLIS = 1000;
    /** Where a shortened array or collection stops adding elements: short of the cut, so that it is not cut. */
    private static final int BUDGET = MAX_CHARS - 80;
    /** Collections up to this size are shown by their own toString(), as a result would be. */
    private static final int WHOLE_COLLECTION = 100;

    private ValuePreview() { }

    /** @return the value's preview, or a sentence saying why there is none */
    static String of(Object value) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(null, () -> {
            try {
                text.complete(preview(value));
            } catch (Throwable e) {
                text.completeExceptionally(e);
            }
        }, "procbook-inspect-value", 0, false);
        t.setDaemon(true);
        t.start();
        try {
            return text.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "(its toString() did not return within " + WAIT_MILLIS + " ms)";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return "(its toString() threw " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    static String preview(Object value) {
        if (value instanceof String s && s.length() > MAX_CHARS) {
            return ValueText.of(s.substring(0, MAX_CHARS)) + "\u2026 (a string of " + s.length() + " characters)";
        }
        return shorten(format(value));
    }

    private static String format(Object value) {
        if (value != null && value.getClass().isArray()) return array(value);
        if (value instanceof Collection<?> c && c.size() > WHOLE_COLLECTION) {
            return elements(c.getClass().getSimpleName(), c.size(), "[", c.iterator(), "]");
        }
        if (value instanceof Map<?, ?> m && m.size() > WHOLE_COLLECTION) {
            return elements(m.getClass().getSimpleName(), m.size(), "{", m.entrySet().iterator(), "}");
        }
        return ValueText.of(value);
    }

    private static String array(Object array) {
        int n = Array.getLength(array);
        StringBuilder sb = new StringBuilder();
        sb.append(array.getClass().getComponentType().getSimpleName()).append('[').append(n).append("] {");
        for (int i = 0; i < n && sb.length() < BUDGET; i++) {
            sb.append(i == 0 ? " " : ", ").append(ValueText.of(Array.get(array, i)));
            if (i == n - 1) return sb.append(" }").toString();
        }
        return sb.append(n == 0 ? "}" : ", \u2026 }").toString();
    }

    private static String elements(String type, int size, String open, Iterator<?> it, String close) {
        StringBuilder sb = new StringBuilder(type).append(" of ").append(size).append(' ').append(open);
        boolean first = true;
        while (it.hasNext() && sb.length() < BUDGET) {
            if (!first) sb.append(", ");
            Object e = it.next();
            sb.append(e instanceof Map.Entry<?, ?> entry
                    ? ValueText.of(entry.getKey()) + "=" + ValueText.of(entry.getValue()) : ValueText.of(e));
            first = false;
        }
        return sb.append(", \u2026").append(close).toString();
    }

    /** At most {@link #MAX_LINES} lines of at most {@link #MAX_CHARS} characters in all. */
    static String shorten(String text) {
        String s = text;
        boolean cut = false;
        if (s.length() > MAX_CHARS) {
            s = s.substring(0, MAX_CHARS);
            cut = true;
        }
        String[] lines = s.split("\n", -1);
        if (lines.length > MAX_LINES) {
            s = String.join("\n", java.util.Arrays.copyOf(lines, MAX_LINES));
            cut = true;
        }
        return cut ? s + "\u2026 (" + text.length() + " characters in all)" : s;
    }
}
