package io.procbook.mp;

import java.util.concurrent.BrokenBarrierException;

/**
 * Thrown by {@link Barrier#await()} when the barrier is or becomes broken: a waiter timed out, the action
 * threw, or the barrier was {@link Barrier#abort() aborted} or {@link Barrier#reset() reset} while others were
 * waiting. Python's {@code threading.BrokenBarrierError}; the unchecked counterpart of
 * {@link java.util.concurrent.CyclicBarrier}'s checked {@link BrokenBarrierException}, which is the cause.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class UncheckedBrokenBarrierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception, with a {@link BrokenBarrierException} of the same message as its cause.
     *
     * @param message why the barrier broke
     */
    public UncheckedBrokenBarrierException(String message) {
        super(message, new BrokenBarrierException(message));
    }
}
