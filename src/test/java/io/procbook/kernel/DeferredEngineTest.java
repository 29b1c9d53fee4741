package io.procbook.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    void onFirstRequestCreatesNothingUntilCalledAndAnswersTheVersionWithoutWaiting() throws Exception {
        AtomicInteger created = new AtomicInteger();
        CountDownLatch allowCreation = new CountDownLatch(1);
        FakeEngine fake = new FakeEngine();
        DeferredEngine d = DeferredEngine.onFirstRequest(() -> {
            created.incrementAndGet();
            try {
                assertTrue(allowCreation.await(20, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return fake;
        }, "17.0.1-known");
        d.interrupt();   // nothing can run yet, and nothing is created for it
        assertFalse(d.ready().isDone());
        assertEquals(0, created.get());
        // kernel_info: answered at once, creating nothing; the kernel prepares the engine once the reply is out
        assertEquals("17.0.1-known", d.languageVersion());
        assertEquals(0, created.get());
        d.prepare();
        allowCreation.countDown();
        assertSame(fake, d.ready().get(20, TimeUnit.SECONDS), "prepare alone made the engine");
        d.prepare();
        assertEquals("complete", d.isComplete("1").status());
        assertEquals(1, created.get());
        d.close();
        assertTrue(fake.closed.await(0, TimeUnit.SECONDS));
    }

    @Test
    void closedBeforeAnyRequestItCreatesNoEngine() {
        AtomicInteger created = new AtomicInteger();
        DeferredEngine d = DeferredEngine.onFirstRequest(() -> {
            created.incrementAndGet();
            return new FakeEngine();
        }, "17");
        d.close();
        assertEquals(0, created.get());
        assertTrue(d.ready().isCompletedExceptionally());
        assertThrows(IllegalStateException.class, () -> d.complete("x", 1));
        assertEquals(0, created.get());
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
