package io.procbook.mp;

import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressState.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** {@code Progress.track}: any loop gets a bar, counted as tqdm counts (an item is done once its body ran). */
class ProgressTrackTest {

    private static final long S = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(7 * S);
    private final RecordingProgress shown = new RecordingProgress();

    private Progress progress(String description) {
        return Progress.bar(description).withClock(now::get).withHost(shown);
    }

    @Test
    void anItemCountsOnceItsBodyHasRunAndTheBarEndsWithTheLoop() {
        List<Long> doneDuringBody = new ArrayList<>();
        for (String s : progress("letters").track(List.of("a", "b", "c"))) {
            doneDuringBody.add(shown.last().done());
            now.addAndGet(S); // the body takes a second
        }
        assertEquals(List.of(0L, 1L, 2L), doneDuringBody, "the item in the body is not done yet");
        assertEquals(List.of(0L, 1L, 2L, 3L), shown.states.stream().map(ProgressState::done).toList());
        assertEquals("letters 100% |####################| 3/3  done in 3.0 s, 1.0 items/s", shown.last().text());
        assertEquals(1, shown.finals());
    }

    @Test
    void aFastLoopReadsTheClockOncePerBatchAndASlowedLoopIsCountedAgainSoon() {
        AtomicLong reads = new AtomicLong();
        Progress counted = Progress.bar("fast").withClock(() -> {
            reads.incrementAndGet();
            return now.get();
        }).withHost(shown);
        List<Integer> items = java.util.stream.IntStream.range(0, 100_000).boxed().toList();
        int i = 0;
        long doneWhenSlowed = -1;
        for (int x : counted.track(items)) {
            if (++i > 99_000) {
                now.addAndGet(100_000_000L); // the last thousand items take 100 ms each
                if (i == 99_700) doneWhenSlowed = shown.last().done();
            }
        }
        assertEquals(100_000, shown.last().done());
        assertEquals(1, shown.finals());
        assertTrue(reads.get() < 100_000 / 50, "the clock was read " + reads.get() + " times for 100000 items");
        assertTrue(doneWhenSlowed >= 99_000 + 300, "counting caught up within a batch of slow items: " + doneWhenSlowed);
    }

    @Test
    void eachIterationIsABarOfItsOwnOpenedWhenTheLoopStarts() {
        Iterable<Integer> tracked = progress("twice").track(List.of(1, 2));
        assertEquals(0, shown.opened.get(), "nothing until a loop starts");
        for (int i : tracked) assertTrue(i > 0);
        for (int i : tracked) assertTrue(i > 0);
        assertEquals(2, shown.opened.get());
        assertEquals(2, shown.finals());
    }

    @Test
    void aPlainIterableHasAnUnknownTotalUnlessGivenOne() {
        Iterable<Integer> lazy = () -> List.of(1, 2, 3, 4).iterator();
        for (int i : progress("lazy").track(lazy)) assertTrue(i > 0);
        assertEquals(-1, shown.last().total());
        assertEquals("lazy 4 items  done in 0.0 s", shown.last().text());
        for (int i : progress("lazy").track(lazy, 4)) assertTrue(i > 0);
        assertEquals("lazy 100% |####################| 4/4  done in 0.0 s", shown.last().text());
    }

    @Test
    void anItemWhoseNextThrowsCountsAsFailedAndTheLoopMayGoOn() {
        Iterator<Integer> flaky = new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 4;
            }

            @Override
            public Integer next() {
                if (++i == 2) throw new IllegalStateException("item 2 is bad");
                return i;
            }
        };
        Drained<Integer> results = Drained.of(progress("flaky").track(flaky, 4));
        assertEquals(List.of(1, 3, 4), results.values());
        assertEquals(1, results.failures().size());
        ProgressState end = shown.last();
        assertEquals(Phase.DONE, end.phase());
        assertEquals(3, end.done());
        assertEquals(1, end.failed());
        assertEquals("IllegalStateException: item 2 is bad", end.failure());
    }

    @Test
    void aLoopLeftEarlyLeavesItsBarWhereItStopped() {
        for (int i : progress("early").track(List.of(1, 2, 3, 4))) {
            now.addAndGet(S);
            if (i == 2) break;
        }
        assertEquals(0, shown.finals());
        assertEquals(Phase.RUNNING, shown.last().phase());
        assertEquals(1, shown.last().done());
    }

    @Test
    void nextPastTheEndEndsTheBarAndThrows() {
        Iterator<Integer> it = progress("manual").track(List.of(1).iterator(), 1);
        assertEquals(1, it.next());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(Phase.DONE, shown.last().phase());
        assertEquals(1, shown.last().done());
    }

    @Test
    void noneTracksNothing() {
        List<Integer> items = List.of(1, 2);
        Iterator<Integer> it = items.iterator();
        assertSame(items, Progress.none().track(items));
        assertSame(it, Progress.none().track(it));
        assertThrows(NullPointerException.class, () -> Progress.bar().track((Iterable<Object>) null));
        assertThrows(IllegalArgumentException.class, () -> Progress.bar().track(items, -1));
    }
}
