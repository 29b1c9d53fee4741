package io.procbook.mp.pool;

import io.procbook.testing.Poll;
import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Pool;
import io.procbook.mp.internal.WarmPool;

/**
 * Lets the runtime's pre-started JVMs settle before a leak check: pools replace workers, so a test often ends
 * while the warm pool is launching a JVM to refill itself, and a launch still in flight owns a socket
 * directory. Draining and waiting for the refill thread to end makes the check see only what the test left.
 */
final class WarmJvms {

    private WarmJvms() { }

    /** Ends a test's pool (if any), lets the warm pool settle and checks that nothing was left behind. */
    static void endAndCheck(Pool pool, ChildLeakCheck leaks) {
        if (pool != null) {
            pool.terminate();
            pool.join();
        }
        settle();
        leaks.assertClean();
    }

    static void settle() {
        Poll.until("the warm pool's refill thread to end", () -> {
            WarmPool.drain();
            return Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().equals("procbook-warm-pool"));
        }, 60_000);
    }
}
