package io.procbook.mp.internal.shm;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Runs file-channel work with the thread's interrupt put aside. A FileChannel is interruptible: on a thread
 * whose interrupt flag is set (or that is interrupted meanwhile) it closes itself and fails, so making a shared
 * object on such a thread failed with an IOException. Mapping a segment is not a wait that an interrupt is
 * meant to end, so the flag is cleared for the work and set again after it, for the next real wait to see.
 * ({@code Files.write} and {@code Files.readAllBytes}, used for large messages, are not interruptible.)
 */
final class InterruptAside {

    /** File work that may be cut short by an interrupt. */
    interface IoWork<T> {
        T run() throws IOException;
    }

    private InterruptAside() { }

    /** Runs {@code work}, again if an interrupt cut it short, and leaves the interrupt flag as it found it (or set). */
    static <T> T run(IoWork<T> work) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return work.run();
                } catch (ClosedByInterruptException e) {
                    interrupted = true;
                    Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
