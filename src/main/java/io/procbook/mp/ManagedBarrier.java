package io.procbook.mp;

import java.time.Duration;

/**
 * A barrier held by a manager server ({@link Manager#barrier(int)}), like {@link java.util.concurrent.CyclicBarrier}:
 * {@code parties} threads in any processes meet at {@link #await()}. Safe from any thread of any process.
 */
public interface ManagedBarrier {

    /**
     * Waits until all parties have arrived.
     *
     * @return the arrival index, {@code parties - 1} for the first to arrive and 0 for the last
     * @throws UncheckedBrokenBarrierException if the barrier is or becomes broken while waiting
     */
    int await();

    /**
     * Like {@link #await()}, breaking the barrier for everyone if {@code timeout} passes.
     *
     * @throws UncheckedBrokenBarrierException if the barrier is broken or the time ran out
     */
    int await(Duration timeout);

    /** Breaks the barrier for current waiters and makes it usable again. */
    void reset();

    /** @return how many parties must arrive */
    int parties();

    /** @return how many are waiting now */
    int nWaiting();

    /** @return whether the barrier is broken */
    boolean isBroken();
}
