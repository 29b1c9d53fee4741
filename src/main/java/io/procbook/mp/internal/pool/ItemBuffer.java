package io.procbook.mp.internal.pool;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The results of an imap job as they arrive: in item order ({@code imap}) or in completion order
 * ({@code imapUnordered}). A failed chunk makes each of its items' turn throw the failure. Thread-safe.
 */
public final class ItemBuffer implements ChunkSink {

    /** A failed item's slot. */
    private record Failure(Throwable cause) { }

    private static final Object EMPTY = new Object();
    private final boolean ordered;
    private final Object[] slots;
    private final ArrayDeque<Object> arrived = new ArrayDeque<>();
    private int taken;

    /**
     * @param items   how many items the job has
     * @param ordered whether results are taken in item order
     */
    public ItemBuffer(int items, boolean ordered) {
        this.ordered = ordered;
        slots = new Object[items];
        java.util.Arrays.fill(slots, EMPTY);
    }

    @Override
    public synchronized void done(Chunk chunk, List<Object> values) {
        for (int i = 0; i < values.size(); i++) put(chunk.start + i, values.get(i));
        notifyAll();
    }

    @Override
    public synchronized void failed(Chunk chunk, Throwable cause) {
        for (int i = 0; i < chunk.size(); i++) put(chunk.start + i, new Failure(cause));
        notifyAll();
    }

    private void put(int index, Object v) {
        if (ordered) slots[index] = v;
        else arrived.addLast(v);
    }

    /** @return whether results remain to be taken */
    public synchronized boolean hasMore() {
        return taken < slots.length;
    }

    /** The outcome of taking one result: its value, or why it failed. */
    public record Taken(Object value, Throwable failure) { }

    /**
     * Blocks until the next result is there.
     *
     * @param deadline a {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE} for none
     * @throws java.util.NoSuchElementException if every result was taken
     * @throws TimeoutException                  if the deadline passes first
     * @throws InterruptedException              if interrupted while waiting
     */
    public synchronized Taken take(long deadline) throws TimeoutException, InterruptedException {
        if (taken >= slots.length) throw new java.util.NoSuchElementException("no more results");
        while (true) {
            Object v = ordered ? slots[taken] : (arrived.isEmpty() ? EMPTY : arrived.peekFirst());
            if (v != EMPTY) {
                if (ordered) slots[taken] = null;
                else arrived.pollFirst();
                taken++;
                return v instanceof Failure f ? new Taken(null, f.cause()) : new Taken(v, null);
            }
            if (deadline == Long.MAX_VALUE) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutException();
                wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }
}
