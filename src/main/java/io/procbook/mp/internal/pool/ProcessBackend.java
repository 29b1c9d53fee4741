package io.procbook.mp.internal.pool;

import io.procbook.mp.internal.LazyLogger;
import io.procbook.mp.BrokenProcessPoolException;
import io.procbook.mp.Fn;
import io.procbook.mp.Task;
import io.procbook.mp.WorkerDiedException;
import io.procbook.mp.internal.Parcel;
import io.procbook.mp.internal.ParcelWriter;
import io.procbook.mp.internal.ChildJvm;
import io.procbook.mp.internal.Children;
import io.procbook.mp.internal.EnvelopeCodec;
import io.procbook.mp.internal.OutputRoute;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.Transit;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.ClassSource;
import io.procbook.mp.spi.Hooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs chunks in long-lived worker JVMs.
 *
 * <p>Speed: a function is serialized once per map call and sent once per worker, chunks refer to it by id;
 * items travel packed ({@link ItemCodec}); each worker has several chunks in flight when its chunks are
 * short (so it never waits for the parent) and is refilled in batches, one when they are long (so a slow task does not hold others
 * back: with 1 s tasks, Pool(4) runs rounds of four as Python's does). Results are handled on the link's
 * reader thread, which also sends the worker its next chunks: no thread hop per chunk.
 *
 * <p>Failures: a worker that dies fails the oldest chunk it had not answered (the one it was running) with
 * a {@link WorkerDiedException}; its later chunks never started and go back to the queue; a new worker is
 * started. With {@code breakOnDeath} (the executor) the whole backend breaks instead, as Python's
 * ProcessPoolExecutor does. A worker that ends by SIGTERM that this pool did not send was stopped from
 * outside (the kernel interrupting the cell that made the pool): the pool then terminates.
 */
public final class ProcessBackend implements Backend {

    private static final System.Logger LOG = LazyLogger.of(ProcessBackend.class);

    private enum State { OPEN, CLOSED, TERMINATED, BROKEN }

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final int SIGTERM_EXIT = -15;

    private final Object lock = new Object();
    private final Task initializer;
    private final int maxTasksPerChild;
    private final boolean breakOnDeath;
    private final ResultHandler handler;
    private final String prefix;
    private final List<Worker> workers = new ArrayList<>();
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final Map<ByteBuffer, Integer> functionIds = new HashMap<>();
    private final List<byte[]> functions = new ArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /**
     * Holds the workers' copies of shared objects (in functions, items, the initializer) until the pool has
     * ended: any worker may open a copy, at any time, as forked workers inherit their parent's descriptors.
     */
    private final Transit transit = new Transit(false);
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private State state = State.OPEN;
    private Throwable breakCause;
    private int starting;
    /** Results taken off a worker's in-flight list whose sink has not been told yet: the pool has not ended
     *  while one is on its way (its worker may be stopped and exit first, and the end would overtake it). */
    private int delivering;
    private long nextSeq;
    private long useClock;

    /** One worker JVM and what it has been given. Guarded by {@code lock}. */
    private static final class Worker {
        final ChildJvm jvm;
        final ArrayDeque<Chunk> inflight = new ArrayDeque<>();
        final BitSet functionsSent = new BitSet();
        /** the chunks {@link #dispatch} is giving it in this call, else {@code null} */
        List<Chunk> batch;
        int given;
        long lastNanos = -1;
        long lastUsed;
        boolean stopping;
        /**
         * Whether it holds a chunk: {@code inflight} is not empty. Readable without the pool's lock, as the
         * monitor's sampler asks ({@link ChildJvm#isWorking()}) while holding its own lock, which a dispatch
         * under the pool's lock may need (a cell's monitor told that this worker now works for it).
         */
        volatile boolean holding;

        /** Call after every change of {@code inflight}, with the pool's lock held. */
        void inflightChanged() {
            holding = !inflight.isEmpty();
        }

        Worker(ChildJvm jvm) {
            this.jvm = jvm;
        }
    }

    /**
     * Starts {@code processes} workers and blocks until they run. Call on the thread that creates the pool.
     *
     * @throws UncheckedIOException if a worker JVM cannot be started (those started are stopped)
     */
    public ProcessBackend(int processes, Task initializer, int maxTasksPerChild, boolean breakOnDeath,
                          ResultHandler handler, String namePrefix) {
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.breakOnDeath = breakOnDeath;
        this.handler = handler;
        this.prefix = namePrefix + "-" + POOLS.incrementAndGet() + "-Worker-";
        ended.whenComplete((v, e) -> transit.release());
        // Worker JVMs are launched side by side (a cold launch is ~100 ms of mostly waiting); threads made here
        // inherit this thread's context, so each worker is attributed like one started here.
        List<Thread> launchers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        synchronized (lock) {
            starting = processes;
        }
        for (int i = 0; i < processes; i++) {
            Thread t = new Thread(() -> {
                try {
                    startWorker();
                } catch (RuntimeException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, prefix + "launcher");
            t.setDaemon(true);
            t.start();
            launchers.add(t);
        }
        boolean interrupted = false;
        for (Thread t : launchers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the workers must be known before this can fail or return
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (!errors.isEmpty()) {
            terminate();
            RuntimeException e = (RuntimeException) errors.get(0);
            throw e;
        }
    }

    /** Obtains and assigns one worker JVM; {@code starting} was counted up for it. */
    private void startWorker() {
        ChildJvm jvm = null;
        try {
            Parcel entry = ParcelWriter.write(new WorkerLoop(initializer), Hooks.classSource(), transit);
            jvm = WarmPool.obtain(true);
            Worker w = new Worker(jvm);
            jvm.onData(data -> received(w, data));
            jvm.workingWhen(() -> w.holding);
            jvm.assign(prefix + workerNumbers.incrementAndGet(), ChildProcess.Kind.POOL_WORKER, entry,
                    Children.AtExit.TERMINATE);
            jvm.onExit().whenComplete((code, e) -> handler.post(() -> exited(w, code == null ? -1 : code)));
            synchronized (lock) {
                starting--;
                if (state == State.OPEN || state == State.CLOSED) {
                    // closed with nothing left to do, dispatch lets it go (STOP): it exits 0, like its siblings
                    workers.add(w);
                    dispatch();
                } else {
                    jvm.terminate();
                    workers.add(w);
                    w.stopping = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (jvm != null) jvm.kill();
            synchronized (lock) {
                starting--;
                if (workers.isEmpty() && starting == 0 && state == State.OPEN && !pending.isEmpty()) {
                    breakWith(new BrokenProcessPoolException("no pool worker could be started: " + e, e));
                }
                checkEnded();
            }
            if (e instanceof IOException io) throw new UncheckedIOException("could not start a pool worker", io);
            throw (RuntimeException) e;
        }
    }

    @Override
    public void submit(Fn<Object, Object> fn, List<Chunk> chunks) {
        Object owner = Hooks.currentContext();
        for (Chunk c : chunks) c.owner = owner;
        ClassSource source = Hooks.classSource();
        byte[] parcel = EnvelopeCodec.encode(ParcelWriter.write(fn, source, transit));
        transit.run(() -> {
            for (Chunk c : chunks) c.payload = encodeItems(c.items);
            return null;
        });
        synchronized (lock) {
            if (state != State.OPEN) throw refusal();
            Integer id = functionIds.get(ByteBuffer.wrap(parcel));
            if (id == null) {
                id = functions.size();
                functions.add(parcel);
                functionIds.put(ByteBuffer.wrap(parcel), id);
            }
            for (Chunk c : chunks) {
                c.seq = nextSeq++;
                c.functionId = id;
                pending.addLast(c);
            }
            dispatch();
        }
    }

    private static byte[] encodeItems(List<Object> items) {
        try {
            return ItemCodec.encode(items, 0);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("cannot send a task argument to a pool worker: "
                    + Serial.describe(e) + " (arguments must be Serializable)", e);
        }
    }

    private IllegalStateException refusal() {
        if (state == State.BROKEN) return new BrokenProcessPoolException(
                "the pool is broken and accepts no new tasks: " + breakCause.getMessage(), breakCause);
        return new IllegalStateException("the pool is " + (state == State.CLOSED ? "closed" : "terminated")
                + " and accepts no new tasks");
    }

    /** How many chunks a worker may hold: many when its chunks are short, one when they are long. */
    private static int window(Worker w) {
        if (w.lastNanos < 0) return 1;
        if (w.lastNanos < 200_000) return 32;
        if (w.lastNanos < 2_000_000) return 8;
        if (w.lastNanos < 20_000_000) return 2;
        return 1;
    }

    /** Hands queued chunks to workers. Caller holds {@code lock}. */
    private void dispatch() {
        List<Worker> batched = null; // each with its batch in Worker.batch: no map per call (one per result)
        while (!pending.isEmpty()) {
            Worker best = null;
            for (Worker w : workers) {
                int cap = window(w);
                if (w.stopping || w.inflight.size() >= cap) continue;
                // Refill a worker only once it is down to half its window, then fill it up: one message
                // carries many chunks, instead of one message (and one wake-up of the worker) per result.
                if (w.batch == null && w.inflight.size() > cap / 2) continue;
                if (maxTasksPerChild > 0 && w.given >= maxTasksPerChild) continue;
                if (best == null || w.inflight.size() < best.inflight.size()
                        || (w.inflight.size() == best.inflight.size() && w.lastUsed < best.lastUsed)) best = w;
            }
            if (best == null) break;
            Chunk c = pending.pollFirst();
            best.inflight.addLast(c);
            best.inflightChanged();
            best.given++;
            best.lastUsed = ++useClock;
            if (best.batch == null) {
                best.batch = new ArrayList<>();
                if (batched == null) batched = new ArrayList<>(workers.size());
                batched.add(best);
            }
            best.batch.add(c);
        }
        if (batched != null) {
            for (Worker w : batched) {
                List<Chunk> b = w.batch;
                w.batch = null;
                send(w, b);
            }
        }
        if (state == State.CLOSED && pending.isEmpty()) {
            for (Worker w : workers) if (!w.stopping && w.inflight.isEmpty()) stop(w);
        }
    }

    private void send(Worker w, List<Chunk> chunks) {
        try {
            for (Chunk c : chunks) {
                if (w.functionsSent.get(c.functionId)) continue;
                byte[] f = functions.get(c.functionId);
                ByteBuffer m = ByteBuffer.allocate(5 + f.length).put(PoolProtocol.FUNCTION).putInt(c.functionId).put(f);
                w.jvm.send(m.array());
                w.functionsSent.set(c.functionId);
            }
            int size = 5;
            for (Chunk c : chunks) size += 16 + c.payload.length;
            ByteBuffer m = ByteBuffer.allocate(size).put(PoolProtocol.CHUNKS).putInt(chunks.size());
            Object lastOwner = null;
            int route = OutputRoute.OWN;
            for (Chunk c : chunks) {
                // A batch's chunks mostly come from one submission: one look-up for all of them.
                if (c.owner != lastOwner || c == chunks.get(0)) route = w.jvm.routeFor(c.owner);
                lastOwner = c.owner;
                m.putLong(c.seq).putInt(c.functionId).putInt(route).put(c.payload);
            }
            w.jvm.send(m.array());
        } catch (IOException dead) {
            // the worker is dying: its exit handler fails or re-queues what it holds
            LOG.log(Level.DEBUG, () -> "pool worker " + w.jvm.name() + " did not take its tasks: " + dead);
        }
    }

    private void stop(Worker w) {
        w.stopping = true;
        try {
            w.jvm.send(new byte[] {PoolProtocol.STOP});
        } catch (IOException dead) {
            // already gone
        }
    }

    /** A message from a worker; runs on its link's reader thread. */
    private void received(Worker w, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            byte type = in.get();
            if (type == PoolProtocol.INIT_FAILED) {
                Throwable t = readException(in);
                synchronized (lock) {
                    w.stopping = true;
                    breakWith(new BrokenProcessPoolException("a pool worker's initializer failed: " + t, t));
                }
                return;
            }
            if (type != PoolProtocol.RESULT) return;
            long seq = in.getLong();
            long nanos = in.getLong();
            boolean ok = in.get() != 0;
            Chunk c;
            synchronized (lock) {
                c = w.inflight.peekFirst();
                if (c == null || c.seq != seq) return; // already failed (terminated or broken)
                w.inflight.pollFirst();
                w.inflightChanged();
                delivering++;
                w.lastNanos = nanos;
                if (maxTasksPerChild > 0 && w.given >= maxTasksPerChild && w.inflight.isEmpty() && !w.stopping) {
                    stop(w);
                    if (state == State.OPEN || !pending.isEmpty()) {
                        starting++;
                        handler.post(this::startReplacement);
                    }
                }
                dispatch();
            }
            try {
                deliver(c, ok, in);
            } finally {
                synchronized (lock) {
                    delivering--;
                    checkEnded();
                }
            }
        } catch (IOException | java.nio.BufferUnderflowException e) {
            // a truncated message cannot come from a live worker; its exit is handled on its own
            LOG.log(Level.DEBUG, () -> "pool worker " + w.jvm.name() + " sent a truncated message: " + e);
        }
    }

    private void deliver(Chunk c, boolean ok, ByteBuffer in) throws IOException {
        if (!ok) {
            c.sink.failed(c, readException(in));
            return;
        }
        List<Object> results;
        try {
            results = ItemCodec.read(in, getClass().getClassLoader(), ProcessBackend::notebookClass);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            c.sink.failed(c, new IllegalStateException("the task's result could not be read: " + e, e));
            return;
        }
        c.sink.done(c, results);
    }

    private void startReplacement() {
        try {
            startWorker();
        } catch (RuntimeException e) {
            // startWorker already broke the pool if nobody is left to do the work; otherwise it goes on with one
            // worker fewer, which is worth saying: the pool is slower than asked for
            LOG.log(Level.WARNING, () -> "pool " + prefix + ": a replacement worker could not be started; "
                    + "the pool goes on with the workers it has", e);
        }
    }

    private static Throwable readException(ByteBuffer in) throws IOException {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        try {
            return (Throwable) Serial.fromBytes(bytes, ProcessBackend.class.getClassLoader(),
                    ProcessBackend::notebookClass);
        } catch (ClassNotFoundException | ClassCastException e) {
            return new IllegalStateException("the worker's exception could not be read: " + e, e);
        }
    }

    private static Class<?> notebookClass(String name) {
        ClassSource src = Hooks.classSource();
        if (src != null) return src.loadedClass(name);
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    /** A worker's process ended; runs on the handler thread. */
    private void exited(Worker w, int code) {
        Chunk lost = null;
        boolean replace = false;
        synchronized (lock) {
            workers.remove(w);
            if (!w.inflight.isEmpty() && (state == State.OPEN || state == State.CLOSED)) {
                lost = w.inflight.pollFirst();
                for (var it = w.inflight.descendingIterator(); it.hasNext(); ) pending.addFirst(it.next());
                w.inflight.clear();
                w.inflightChanged();
                if (breakOnDeath) {
                    WorkerDiedException died = new WorkerDiedException(w.jvm.name(), code);
                    breakWith(new BrokenProcessPoolException("a process in the pool was terminated abruptly"
                            + " while the future was running or pending", died));
                    lost.sink.failed(lost, new BrokenProcessPoolException(died.getMessage(), died));
                    lost = null;
                } else if (code == SIGTERM_EXIT && !w.stopping) {
                    stopFromOutside(w, lost);
                    lost = null;
                } else {
                    replace = true;
                }
            } else if (!w.stopping && (state == State.OPEN || state == State.CLOSED)) {
                if (breakOnDeath) {
                    breakWith(new BrokenProcessPoolException("a process in the pool was terminated abruptly",
                            new WorkerDiedException(w.jvm.name(), code)));
                } else if (code == SIGTERM_EXIT) {
                    stopFromOutside(w, null);
                } else {
                    replace = true;
                }
            }
            if (replace) starting++;
            checkEnded();
        }
        if (lost != null) lost.sink.failed(lost, new WorkerDiedException(w.jvm.name(), code));
        if (replace) startReplacement();
    }

    private void stopFromOutside(Worker w, Chunk lost) {
        CancellationException why = new CancellationException("pool terminated: its worker " + w.jvm.name()
                + " was terminated from outside (SIGTERM, e.g. the cell was interrupted)");
        if (lost != null) pending.addFirst(lost);
        endAll(State.TERMINATED, why);
    }

    private void breakWith(BrokenProcessPoolException e) {
        if (state == State.TERMINATED || state == State.BROKEN) return;
        breakCause = e;
        endAll(State.BROKEN, e);
    }

    /**
     * Takes a chunk back if it is still queued, so that it never runs (a cancelled future's task).
     *
     * @return whether it was still queued; {@code false} once a worker has been given it
     */
    public boolean withdraw(Chunk chunk) {
        synchronized (lock) {
            if (!pending.remove(chunk)) return false;
            dispatch(); // a closed pool whose queue has just emptied lets its idle workers go
            checkEnded();
            return true;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (state == State.OPEN) state = State.CLOSED;
            dispatch();
            checkEnded();
        }
    }

    @Override
    public void terminate() {
        synchronized (lock) {
            if (state == State.TERMINATED || state == State.BROKEN) {
                for (Worker w : workers) w.jvm.terminate();
                return;
            }
            endAll(State.TERMINATED, new CancellationException("the pool was terminated before this task finished"));
        }
    }

    /** Fails every queued and running chunk and stops every worker. Caller holds {@code lock}. */
    private void endAll(State to, RuntimeException why) {
        state = to;
        List<Chunk> failed = new ArrayList<>(pending);
        pending.clear();
        for (Worker w : workers) {
            failed.addAll(w.inflight);
            w.inflight.clear();
            w.inflightChanged();
            w.stopping = true;
            w.jvm.terminate();
        }
        // Sinks run user-visible completions; they must not run under the lock (a callback may call the pool).
        handler.post(() -> failed.forEach(c -> c.sink.failed(c, why)));
        checkEnded();
    }

    private void checkEnded() {
        if (state != State.OPEN && workers.isEmpty() && starting == 0 && delivering == 0 && !ended.isDone()) {
            ended.complete(null);
            handler.shutdown();
        }
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return state != State.OPEN;
        }
    }

    @Override
    public boolean awaitTermination(long nanos) throws InterruptedException {
        try {
            ended.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    @Override
    public boolean isTerminated() {
        return ended.isDone();
    }

    /** @return the worker processes running now (for tests and the monitor) */
    public List<ChildProcess> workers() {
        synchronized (lock) {
            List<ChildProcess> out = new ArrayList<>();
            for (Worker w : workers) out.add(w.jvm);
            return out;
        }
    }
}
