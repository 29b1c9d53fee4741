package io.procbook.mp.internal.child;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void everyStepRunsThroughToTheEnd() throws InterruptedException {
        // whenDone runs only after the last step, and only if no step failed: each step names the classes it
        // loads by class literal or reaches them through PrivateAccess, and a wrong one would fail its step.
        CountDownLatch done = new CountDownLatch(1);
        WarmUp.start(done::countDown);
        assertTrue(done.await(120, TimeUnit.SECONDS), "the warm-up did not finish (see its report on stderr)");
    }
}
