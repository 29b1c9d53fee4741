package io.procbook.monitor;

import io.procbook.mp.internal.Platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A {@link ProcessProbe} reading {@code /proc/<pid>/stat} (CPU ticks, state) and {@code /proc/<pid>/status}. */
final class ProcProbe implements ProcessProbe {

    private static final byte[] VM_RSS = "VmRSS:".getBytes(StandardCharsets.US_ASCII);
    private static final int UTIME_FIELD = 14;
    private static final int STIME_FIELD = 15;
    private static final int STATE_FIELD = 3;
    private static final int STATUS_EVERY = 4;

    private final ProcFile stat;
    private final ProcFile status;
    private long cpuNanos;
    private long rssBytes = -1;
    private boolean running;
    private int reads;

    private ProcProbe(ProcFile stat, ProcFile status) {
        this.stat = stat;
        this.status = status;
    }

    /** Opens the files; a process that is already gone gives a probe whose {@link #read()} is false. */
    static ProcessProbe open(long pid) {
        Path dir = Platform.proc(Long.toString(pid));
        ProcFile stat = null;
        try {
            stat = ProcFile.open(dir.resolve("stat"), 1024);
            return new ProcProbe(stat, ProcFile.open(dir.resolve("status"), 4096));
        } catch (IOException e) {
            if (stat != null) stat.close();
            return new ProcProbe(null, null);
        }
    }

    @Override
    public boolean read() {
        if (stat == null || !stat.reload()) {
            running = false;
            return false;
        }
        ByteBuffer b = stat.bytes();
        // the command name (field 2) is in parentheses and may itself contain spaces and ')': count from the last ')'
        int close = b.limit() - 1;
        while (close >= 0 && b.get(close) != ')') close--;
        if (close < 0) {
            running = false;
            return false;
        }
        int state = close + 2;
        byte code = state < b.limit() ? b.get(state) : (byte) 'X';
        running = code != 'Z' && code != 'X' && code != 'x';
        long utime = ProcFile.number(b, fieldStart(b, state, UTIME_FIELD - STATE_FIELD));
        long stime = ProcFile.number(b, fieldStart(b, state, STIME_FIELD - STATE_FIELD));
        if (utime >= 0 && stime >= 0) cpuNanos = ClockTicks.toNanos(utime + stime);
        // resident memory moves slowly and status is the larger file to generate and scan: read it once a second
        if (reads++ % STATUS_EVERY == 0 && status.reload()) {
            int at = ProcFile.afterLinePrefix(status.bytes(), VM_RSS);
            long kib = at < 0 ? -1 : ProcFile.number(status.bytes(), at);
            rssBytes = kib < 0 ? -1 : kib * 1024; // status reports kB meaning KiB
        }
        return true;
    }

    private static int fieldStart(ByteBuffer b, int from, int spaces) {
        int i = from;
        for (int seen = 0; seen < spaces && i < b.limit(); i++) if (b.get(i) == ' ') seen++;
        return i;
    }

    @Override public boolean running() { return running; }
    @Override public long cpuNanos() { return cpuNanos; }
    @Override public long rssBytes() { return rssBytes; }

    @Override
    public void close() {
        if (stat != null) stat.close();
        if (status != null) status.close();
    }
}
