package io.procbook.mp;

import java.util.concurrent.BrokenBarrierException;

/**
 * Thrown by {@link Barrier#await()} when the barrier is or becomes broken: a waiter timed out, the action
 * threw, or the barrier was {@link Barrier#abort() aborted} or {@link Barrier#reset() reset} while others were
 * waiting. Python's {@code threading.BrokenBarrierError}; the unchecked counterpart of
 * {@link java.util.concurrent.CyclicBarrier}'s checked {@link BrokenBarrierException}, which is the cause.
 */
public class UncheckedBrokenBarrierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why the barrier broke
     */
    public UncheckedBrokenBarrierException(String message) {
        super(message, new BrokenBarrierException(message));
    }
}
