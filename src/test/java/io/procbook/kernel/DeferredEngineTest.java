package io.procbook.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeferredEngineTest {
    @Test
    void callsWaitForTheEngineAndThenDelegate() throws Exception {
        CountDownLatch allowCreation = new CountDownLatch(1);
        FakeEngine fake = new FakeEngine();
        DeferredEngine d = DeferredEngine.start(() -> {
            try {
                assertTrue(allowCreation.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return fake;
        });
        d.interrupt();   // nothing can run yet: a no-op, not a wait
        assertEquals(0, fake.interrupts.get());
        CompletableFuture<String> version = CompletableFuture.supplyAsync(d::languageVersion);
        assertFalse(d.ready().isDone());
        assertFalse(version.isDone());
        allowCreation.countDown();
        assertEquals("17.0.99-fake", version.get(20, TimeUnit.SECONDS));
        assertEquals("complete", d.isComplete("1").status());
        d.interrupt();
        assertEquals(1, fake.interrupts.get());
        d.close();
        assertTrue(fake.closed.await(0, TimeUnit.SECONDS));
    }

    @Test
    void aFailedCreationMakesEveryCallFailClearly() {
        DeferredEngine d = DeferredEngine.start(() -> {
            throw new UnsupportedOperationException("no JShell here");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.complete("x", 1));
        assertTrue(e.getMessage().contains("no JShell here"), e.getMessage());
        assertTrue(d.ready().isCompletedExceptionally());
        d.close();   // nothing was created, nothing to close
    }
}
