package io.procbook.mp;

import io.procbook.mp.spi.ProgressHost;
import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressView;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A progress host whose every bar records the states it is shown, in order, for tests. */
public final class RecordingProgress implements ProgressHost {

    /** Every state shown, by every bar this host opened. */
    public final List<ProgressState> states = new CopyOnWriteArrayList<>();
    /** How many bars were opened. */
    public final AtomicInteger opened = new AtomicInteger();
    /** Set when two shows of this host's views overlapped (the SPI promises they never do for one view). */
    public volatile boolean overlapped;
    private final AtomicInteger showing = new AtomicInteger();

    @Override
    public ProgressView open() {
        opened.incrementAndGet();
        return state -> {
            if (showing.incrementAndGet() != 1) overlapped = true;
            states.add(state);
            showing.decrementAndGet();
        };
    }

    /** @return the last state shown */
    public ProgressState last() {
        return states.get(states.size() - 1);
    }

    /** @return how many final states were shown */
    public long finals() {
        return states.stream().filter(ProgressState::isFinal).count();
    }
}
