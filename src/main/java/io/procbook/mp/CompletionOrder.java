package io.procbook.mp;

import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Python's {@code as_completed} for {@link ProcessPoolExecutor#asCompleted}: futures of any executor, handed out
 * in the order they complete. A {@link TaskFuture} or {@link CompletableFuture} is watched through its
 * completion callback; any other future gets a daemon thread of its own that waits for it.
 */
final class CompletionOrder {

    private CompletionOrder() { }

    /**
     * @param bar counts each future as it completes, or {@code null} for none
     * @return an iterator whose {@code next()} blocks, interruptibly, until one more future is done
     * @throws NullPointerException if {@code futures} or one of them is null
     */
    static <T> Iterator<Future<T>> of(Collection<? extends Future<T>> futures, ProgressBar bar) {
        LinkedBlockingQueue<Future<T>> done = new LinkedBlockingQueue<>();
        for (Future<T> f : futures) Objects.requireNonNull(f, "a future");
        for (Future<T> f : futures) {
            CompletableFuture<?> cf = f instanceof TaskFuture<?> t ? t.future
                    : f instanceof CompletableFuture<?> c ? c
                    : watch(f);
            cf.whenComplete((v, e) -> {
                if (bar != null) {
                    if (e == null) bar.advance();
                    else bar.fail(e);
                }
                done.add(f);
            });
        }
        if (bar != null) bar.begin();
        int total = futures.size();
        return new Iterator<>() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < total;
            }

            @Override
            public Future<T> next() {
                if (taken >= total) throw new NoSuchElementException();
                try {
                    Future<T> f = done.take();
                    taken++;
                    return f;
                } catch (InterruptedException e) {
                    throw new UncheckedInterruptedException(e);
                }
            }
        };
    }

    /**
     * Completes when a foreign future does, as it did (a progress bar counts its failure), waiting on a daemon
     * thread of its own: the common pool would do with one thread on a 2-core machine (JDK 25 no longer adds
     * threads for CompletableFuture there), so a future that finishes early would wait behind one that does
     * not, or forever behind one that needs it.
     */
    private static CompletableFuture<Void> watch(Future<?> f) {
        CompletableFuture<Void> c = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.get();
                c.complete(null);
            } catch (ExecutionException e) {
                c.completeExceptionally(e.getCause() != null ? e.getCause() : e);
            } catch (Exception e) { // cancelled
                c.completeExceptionally(e);
            }
        }, "asCompleted-watcher");
        t.setDaemon(true);
        t.start();
        return c;
    }
}
