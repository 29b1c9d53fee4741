package io.procbook.monitor;

import io.procbook.mp.internal.Platform;

/**
 * What the monitor cannot measure on this system, said in its display rather than left as a blank column: the
 * live table and the summary end with this note where it applies (not the one-line summary, whose line has no
 * memory figures to miss).
 */
final class PlatformNote {

    /** Without /proc: CPU per process and the machine's load come from the JDK, memory from nowhere. */
    static final String NO_PROC = "no /proc here: CPU from the JDK, memory per process not measured";

    private PlatformNote() { }

    /** @return the note for this system, or {@code null} where the monitor measures everything */
    static String text() {
        return Platform.hasProc() ? null : NO_PROC;
    }
}
