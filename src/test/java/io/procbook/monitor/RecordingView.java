package io.procbook.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A {@link MonitorView} that remembers every call, with its time, and lets tests wait for calls. */
final class RecordingView implements MonitorView {

    record Call(boolean show, long nanos, Map<String, Object> bundle, Map<String, Object> metadata) { }

    private final List<Call> calls = new ArrayList<>();
    private final boolean images;

    RecordingView() {
        this(true);
    }

    /** @param images what {@link #showsImages()} answers */
    RecordingView(boolean images) {
        this.images = images;
    }

    @Override
    public boolean showsImages() { return images; }

    @Override
    public synchronized void show(Map<String, Object> mimeBundle, Map<String, Object> metadata) {
        calls.add(new Call(true, System.nanoTime(), mimeBundle, metadata));
        notifyAll();
    }

    @Override
    public synchronized void update(Map<String, Object> mimeBundle, Map<String, Object> metadata) {
        calls.add(new Call(false, System.nanoTime(), mimeBundle, metadata));
        notifyAll();
    }

    synchronized List<Call> calls() { return List.copyOf(calls); }

    synchronized long shows() { return calls.stream().filter(Call::show).count(); }

    synchronized long updates() { return calls.stream().filter(c -> !c.show()).count(); }

    synchronized Map<String, Object> last() { return calls.isEmpty() ? null : calls.get(calls.size() - 1).bundle(); }

    /** Waits until the newest bundle is the final summary; returns it, or fails after {@code millis}. */
    Map<String, Object> awaitSummary(long millis) throws InterruptedException {
        return awaitLast(MonitorBundles::isSummary, millis);
    }

    /** Waits until the newest bundle satisfies {@code condition}; returns it, or fails after {@code millis}. */
    synchronized Map<String, Object> awaitLast(Predicate<Map<String, Object>> condition, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (last() == null || !condition.test(last())) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new AssertionError("no matching bundle within " + millis + " ms after " + calls.size()
                                                    + " calls; last text: " + (last() == null ? null : last().get("text/plain")));
            wait(left);
        }
        return last();
    }

    /** Waits until at least {@code count} calls were made, or fails after {@code millis}. */
    synchronized void awaitCalls(int count, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (calls.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new AssertionError("only " + calls.size() + " of " + count + " calls within " + millis + " ms");
            wait(left);
        }
    }
}
