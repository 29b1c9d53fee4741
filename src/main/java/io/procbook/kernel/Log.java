package io.procbook.kernel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Terse kernel log on the process's real standard error.
 *
 * <p>It writes to file descriptor 2 directly, not to {@code System.err}: the engine replaces System.err with a
 * stream that routes a cell's output into the notebook, and the kernel's own log must never end up there.
 */
final class Log {
    private static final PrintStream ERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private Log() { }

    static void info(String message) {
        ERR.println("[procbook] " + message);
    }

    static void warn(String message) {
        ERR.println("[procbook] WARNING: " + message);
    }

    static void warn(String message, Throwable t) {
        ERR.println("[procbook] WARNING: " + message + ": " + t);
    }
}
