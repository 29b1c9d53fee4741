package io.procbook.shell;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes UTF-8 bytes that arrive in arbitrary pieces: a character split across two writes is held back until
 * its last byte arrives, so no piece ever decodes into replacement characters. One instance per writing thread.
 */
final class Utf8Chunks {

    private final byte[] pending = new byte[3];
    private int pendingLength;

    /**
     * @return the text of every complete character so far (possibly empty)
     */
    String decode(byte[] b, int off, int len) {
        byte[] bytes = b;
        int start = off;
        int end = off + len;
        if (pendingLength > 0) {
            bytes = Arrays.copyOf(pending, pendingLength + len);
            System.arraycopy(b, off, bytes, pendingLength, len);
            start = 0;
            end = pendingLength + len;
            pendingLength = 0;
        }
        int complete = completeEnd(bytes, start, end);
        int rest = end - complete;
        System.arraycopy(bytes, complete, pending, 0, rest);
        pendingLength = rest;
        return complete == start ? "" : new String(bytes, start, complete - start, StandardCharsets.UTF_8);
    }

    /** Where the last whole character ends: a trailing lead byte whose continuation bytes are missing is cut. */
    private static int completeEnd(byte[] b, int start, int end) {
        for (int i = end - 1; i >= Math.max(start, end - 3); i--) {
            int v = b[i] & 0xff;
            if ((v & 0xC0) == 0x80) continue; // continuation byte: keep looking for the lead
            int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1;
            return end - i < need ? i : end;
        }
        return end; // only continuation bytes (or nothing): malformed input decodes as replacement characters
    }
}
