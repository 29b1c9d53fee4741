package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagedBarrier;
import io.procbook.mp.UncheckedBrokenBarrierException;
import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.internal.shm.Blocking;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The server side of {@code Manager.barrier}: a CyclicBarrier with Python's unchecked failures. */
final class BarrierObject implements ManagedBarrier {

    private final CyclicBarrier barrier;

    BarrierObject(int parties) {
        barrier = new CyclicBarrier(parties);
    }

    @Override
    public int await() {
        return await(null);
    }

    @Override
    public int await(Duration timeout) {
        try {
            return timeout == null ? barrier.await() : barrier.await(Blocking.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new UncheckedBrokenBarrierException("the barrier is broken"
                    + (e instanceof TimeoutException ? ": a party timed out after " + timeout : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedInterruptedException(e);
        }
    }

    @Override
    public void reset() {
        barrier.reset();
    }

    @Override
    public int parties() {
        return barrier.getParties();
    }

    @Override
    public int nWaiting() {
        return barrier.getNumberWaiting();
    }

    @Override
    public boolean isBroken() {
        return barrier.isBroken();
    }

    @Override
    public String toString() {
        return "Barrier(parties=" + parties() + ", waiting=" + nWaiting() + (isBroken() ? ", broken" : "") + ")";
    }
}
