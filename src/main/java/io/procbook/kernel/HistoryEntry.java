package io.procbook.kernel;

/**
 * One stored cell input: the kernel session it ran in (numbered across kernel runs) and its execution count.
 * Line 0 marks the start of a session and has no input; queries never return it.
 */
record HistoryEntry(int session, int line, String input) {
    boolean isSessionMarker() {
        return line == 0;
    }
}
