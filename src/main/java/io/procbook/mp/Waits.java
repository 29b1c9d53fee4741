package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.MessageRing;
import io.procbook.mp.internal.shm.WaitArea;
import java.util.function.BooleanSupplier;

/**
 * Waits on shared memory with this package's exception: the shared-memory layer below reports an interruption
 * as the JDK does ({@link InterruptedException}, status cleared), and the public objects throw
 * {@link UncheckedInterruptedException} (status set again) so that their calls compose inside lambdas.
 */
final class Waits {

    private Waits() { }

    /**
     * {@link Blocking#await}, interrupted as this package's objects are.
     *
     * @throws UncheckedInterruptedException if the thread is interrupted while waiting
     */
    static boolean await(BooleanSupplier ready, long deadline, Runnable tick, WaitArea... areas) {
        try {
            return Blocking.await(ready, deadline, tick, areas);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        }
    }

    /**
     * {@link MessageRing#put(MessageRing.Outgoing, long, BooleanSupplier, Runnable)}, interrupted as this
     * package's objects are.
     *
     * @throws UncheckedInterruptedException if the thread is interrupted while waiting (the message is discarded)
     */
    static boolean put(MessageRing ring, MessageRing.Outgoing out, long deadline, BooleanSupplier giveUp,
                       Runnable tick) {
        try {
            return ring.put(out, deadline, giveUp, tick);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        }
    }

    /**
     * {@link MessageRing#take}, interrupted as this package's objects are.
     *
     * @throws UncheckedInterruptedException if the thread is interrupted while waiting (nothing was taken)
     */
    static Object take(MessageRing ring, long deadline, BooleanSupplier closed, Object eofMarker, Runnable tick) {
        try {
            return ring.take(deadline, closed, eofMarker, tick);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        }
    }
}
