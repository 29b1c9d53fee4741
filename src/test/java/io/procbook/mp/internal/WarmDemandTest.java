package io.procbook.mp.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** How many pre-started JVMs the pool aims for, from the times JVMs were taken (no clock: times are given). */
class WarmDemandTest {

    private static final long MS = 1_000_000L;
    private static final WarmDemand.Limits LIMITS = new WarmDemand.Limits(2, 4, 60_000 * MS);

    @Test
    void holdsTheBaseCountWhileStartsAreRare() {
        WarmDemand d = new WarmDemand();
        assertEquals(2, d.target(0, LIMITS), "before any start");
        for (int i = 0; i < 5; i++) d.taken(i * 2_000 * MS, LIMITS); // one start every 2 s
        assertEquals(2, d.target(10_000 * MS, LIMITS));
        assertEquals(Long.MAX_VALUE, d.releaseAt(LIMITS), "nothing to release at the base count");
    }

    @Test
    void aBurstRaisesItToTheStartsInASecondUpToTheBound() {
        WarmDemand d = new WarmDemand();
        for (int i = 0; i < 3; i++) d.taken(1_000 * MS + i * MS, LIMITS);
        assertEquals(3, d.target(1_010 * MS, LIMITS));
        for (int i = 0; i < 10; i++) d.taken(1_100 * MS + i * MS, LIMITS); // a loop of starts
        assertEquals(4, d.target(1_200 * MS, LIMITS), "never above the bound");
    }

    @Test
    void theRaisedCountIsKeptUntilTheIdleTimeHasPassedSinceTheLatestStart() {
        WarmDemand d = new WarmDemand();
        for (int i = 0; i < 4; i++) d.taken(i * MS, LIMITS);
        assertEquals(4, d.target(30_000 * MS, LIMITS), "a burst is likely to come again (a cell re-run)");
        d.taken(40_000 * MS, LIMITS); // a single start later keeps it raised and restarts the idle time
        assertEquals(4, d.target(99_000 * MS, LIMITS));
        assertEquals(100_000 * MS, d.releaseAt(LIMITS));
        assertEquals(2, d.target(100_000 * MS, LIMITS), "back to the base count after 60 s without a start");
        assertEquals(Long.MAX_VALUE, d.releaseAt(LIMITS));
    }

    @Test
    void aStartAfterTheIdleTimeCountsOnlyTheNewBurst() {
        WarmDemand d = new WarmDemand();
        for (int i = 0; i < 4; i++) d.taken(i * MS, LIMITS);
        d.taken(70_000 * MS, LIMITS);
        assertEquals(2, d.target(70_001 * MS, LIMITS));
    }

    @Test
    void limitsChangedAtRunTimeApplyAtOnce() {
        WarmDemand d = new WarmDemand();
        for (int i = 0; i < 4; i++) d.taken(i * MS, LIMITS);
        WarmDemand.Limits smaller = new WarmDemand.Limits(1, 2, 60_000 * MS);
        assertEquals(2, d.target(10 * MS, smaller));
        assertEquals(3, d.target(10 * MS, new WarmDemand.Limits(3, 1, 0)), "the bound is at least the base count");
    }

    @Test
    void forgettingStartsAgainFromTheBaseCount() {
        WarmDemand d = new WarmDemand();
        for (int i = 0; i < 4; i++) d.taken(i * MS, LIMITS);
        d.forget();
        assertEquals(2, d.target(5 * MS, LIMITS));
        assertEquals(Long.MAX_VALUE, d.sinceLastTake(5 * MS));
        d.taken(6 * MS, LIMITS);
        assertEquals(2, d.target(7 * MS, LIMITS), "the takes before count no more");
    }

    @Test
    void sinceLastTakeIsUnboundedBeforeTheFirst() {
        WarmDemand d = new WarmDemand();
        assertEquals(Long.MAX_VALUE, d.sinceLastTake(5));
        d.taken(5, LIMITS);
        assertEquals(7, d.sinceLastTake(12));
    }
}
