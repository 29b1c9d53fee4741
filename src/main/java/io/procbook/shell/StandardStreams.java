package io.procbook.shell;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Replaces {@code System.out}, {@code System.err} and {@code System.in} with the cell-routing streams while at
 * least one engine is open, and puts the original streams back when the last one closes.
 */
final class StandardStreams {

    private static int users;
    private static PrintStream savedOut;
    private static PrintStream savedErr;
    private static InputStream savedIn;
    private static CellPrintStream out;
    private static CellPrintStream err;
    private static CellInputStream in;

    private StandardStreams() { }

    static synchronized void acquire() {
        if (users++ > 0) return;
        // The runtime logs through System.Logger, by default java.util.logging, whose console handler takes
        // System.err when it is created. Create it now, on the real stderr: made after the swap, the runtime's
        // log would land in whichever cell happens to be running. (The kernel has it made by then, off the
        // clock; see Main.preloadCrypto. Then this costs nothing.)
        java.util.logging.Logger.getLogger("").getHandlers();
        savedOut = System.out;
        savedErr = System.err;
        savedIn = System.in;
        out = new CellPrintStream("stdout", savedOut);
        err = new CellPrintStream("stderr", savedErr);
        in = new CellInputStream(savedIn);
        System.setOut(out);
        System.setErr(err);
        System.setIn(in);
    }

    static synchronized void release() {
        if (users == 0 || --users > 0) return;
        // Put back only what is still ours: someone may have replaced a stream on purpose meanwhile.
        if (System.out == out) System.setOut(savedOut);
        if (System.err == err) System.setErr(savedErr);
        if (System.in == in) System.setIn(savedIn);
        out = err = null;
        in = null;
    }

    /** @return the process's real standard output (not routed), for threads outside any cell */
    static synchronized PrintStream realOut() {
        return out != null ? out.real() : System.out;
    }

    /** @return the process's real standard error (not routed) */
    static synchronized PrintStream realErr() {
        return err != null ? err.real() : System.err;
    }

    /** @return the process's real standard input */
    static synchronized InputStream realIn() {
        return in != null ? in.real() : System.in;
    }
}
