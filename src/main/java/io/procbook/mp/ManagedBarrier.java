package io.procbook.mp;

import java.time.Duration;

/**
 * A barrier held by a manager server ({@link Manager#barrier(int)}), like {@link java.util.concurrent.CyclicBarrier}:
 * {@code parties} threads in any processes meet at {@link #await()}. Safe from any thread of any process. A
 * proxy is Serializable; one sent to another process reaches the same barrier. Every method waits for its
 * round trip to the server and is interruptible (see {@link Manager} for what proxies throw). Note that the
 * arrival index counts down, as {@code CyclicBarrier}'s does, unlike {@link Barrier#await()}'s.
 */
public interface ManagedBarrier {

    /**
     * Waits, with no time limit, until all parties have arrived. The wait is interruptible.
     *
     * @return the arrival index, {@code parties - 1} for the first to arrive and 0 for the last
     * @throws UncheckedBrokenBarrierException if the barrier is or becomes broken while waiting
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    int await();

    /**
     * Like {@link #await()}, breaking the barrier for everyone if {@code timeout} passes.
     *
     * @param timeout how long to wait at most; {@code null} for no limit
     * @return the arrival index, {@code parties - 1} for the first to arrive and 0 for the last
     * @throws UncheckedBrokenBarrierException if the barrier is broken or the time ran out
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    int await(Duration timeout);

    /**
     * Breaks the barrier for current waiters and makes it usable again.
     *
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void reset();

    /**
     * Returns the number of parties.
     *
     * @return how many parties must arrive
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    int parties();

    /**
     * Returns the number of parties waiting now: a snapshot.
     *
     * @return how many are waiting now
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    int nWaiting();

    /**
     * Tells whether the barrier is broken now.
     *
     * @return whether the barrier is broken
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    boolean isBroken();
}
