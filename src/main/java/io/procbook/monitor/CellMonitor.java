package io.procbook.monitor;

import io.procbook.mp.spi.ChildProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The monitor of one notebook cell (or of a plain program): it watches the child processes and threads it is
 * given, samples them on the JVM's one sampler thread, and keeps one display up to date through its
 * {@link MonitorView}: shown once something is watched, updated at most every {@value #MIN_UPDATE_MILLIS} ms
 * and only when the rendered content changed, and turned into a static summary when the watched work is over.
 *
 * <p>Lifecycle: create it when the cell starts; feed it {@link #watchProcess} (e.g. from a
 * {@code ProcessListener}), {@link #watchThread} or a {@link #watchThreads thread filter}; call {@link #finish()}
 * when the cell's code has returned. It then renders the summary as soon as the work is over (at once if it
 * already is) and stops sampling. The work is over when every process has exited and no watched thread works:
 * a live thread counts as working while it is runnable and used CPU lately ({@link ThreadRow#WORKING_PERCENT}),
 * since one that waits in a blocking read is as runnable to the JVM as one that computes. The summary's time span ends with
 * the work: from the first reading to the reading that found it over. A process watched after that brings the
 * live display back. {@link #close()} stops at once.
 *
 * <p>Safe for use by many threads.
 */
public final class CellMonitor implements AutoCloseable {

    /** Minimum time between two updates of the display. */
    public static final long MIN_UPDATE_MILLIS = 250;
    private static final long MIN_UPDATE_NANOS = MIN_UPDATE_MILLIS * 1_000_000;
    private static final int CHART_POINTS = 360;
    private static final ThreadMXBean THREADS = threadBean();

    private final String title;
    private final MonitorView view;
    private final long originNanos = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<Row> rows = new ArrayList<>();
    private final List<Row> visibleRows = new ArrayList<>();
    private final Map<Thread, ThreadRow> threadRows = new IdentityHashMap<>();
    private final Series total = new Series(Row.HISTORY, cores * 100.0);
    private final Series machine = new Series(Row.HISTORY, cores * 100.0);
    private long machineBaseline = -1;
    /** Whether something worked at the last reading: the totals go on one reading past the end of the work. */
    private boolean workedAtLastReading;
    private Predicate<Thread> threadFilter;
    private Predicate<Thread> sharedFilter;
    private Thread[] threadScratch = new Thread[64];
    private MonitorBundles.Display shownDisplay;
    private Object shownModel;
    /** When the last show or update call returned: the next update is due {@link #MIN_UPDATE_MILLIS} later. */
    private long shownAtNanos;
    /** When the last update call returned, or {@code null} before the first: the final summary's throttle. */
    private Long updatedAtNanos;
    private boolean forceShow;
    private boolean finished;
    private boolean closed;
    private boolean attached;

    /**
     * @param title what is monitored, e.g. {@code "cell [3]"}; shown in error messages and snapshots
     * @param view  where the display goes
     * @throws NullPointerException if an argument is null
     */
    public CellMonitor(String title, MonitorView view) {
        this.title = Objects.requireNonNull(title, "title");
        this.view = Objects.requireNonNull(view, "view");
    }

    /** @return the title given at construction */
    public String title() { return title; }

    /**
     * Watches a child process from now until it exits. Reads its baseline on the calling thread (a few
     * microseconds). Watching the same pid twice has no further effect; nothing happens while the monitor is
     * switched off ({@link Monitor#setEnabled}) or closed.
     *
     * @param child the process
     * @throws NullPointerException if {@code child} is null
     */
    public void watchProcess(ChildProcess child) {
        watch(child, false);
    }

    /**
     * Like {@link #watchProcess}, for a process that also serves other work, such as a pool's worker that runs
     * the tasks of whichever cell submits them: it counts as this monitor's work while it says it works
     * ({@link ChildProcess#isWorking()}: while it holds a task), and once {@link #finish()} was called and
     * nothing watched works any more its row ends (its history stays in the summary, its state reads
     * {@code idle}), though the process lives on.
     *
     * @param child the process
     * @throws NullPointerException if {@code child} is null
     */
    public void watchSharedProcess(ChildProcess child) {
        watch(child, true);
    }

    private void watch(ChildProcess child, boolean shared) {
        Objects.requireNonNull(child, "child");
        if (!Monitor.isEnabled()) return;
        synchronized (this) {
            if (closed) return;
            for (Row r : rows) if (r instanceof ProcessRow p && p.id() == child.pid() && p.running()) return;
            long now = nowMillis();
            rows.add(new ProcessRow(child, now, this::nowMillis, shared));
            startTotals(now);
            attach();
        }
    }

    /**
     * Watches a thread of this JVM until it ends; it gets a row once it has used
     * {@value ThreadRow#BUSY_NANOS} ns of CPU.
     *
     * @param thread the thread
     * @throws NullPointerException if {@code thread} is null
     */
    public void watchThread(Thread thread) {
        Objects.requireNonNull(thread, "thread");
        if (!Monitor.isEnabled()) return;
        synchronized (this) {
            if (closed) return;
            addThread(thread, nowMillis(), false);
            attach();
        }
    }

    /**
     * Watches every platform thread of this JVM that {@code filter} accepts, looking for new ones at every
     * sample until {@link #finish()}. Filters add up: a thread is watched if any of them accepts it. A filter
     * runs on the sampler thread and must be quick; an exception counts as "no". Meant for "threads started by
     * this cell": a filter that accepts the cell's own evaluation thread would show every computing cell.
     *
     * @param filter which threads belong here
     * @throws NullPointerException if {@code filter} is null
     */
    public void watchThreads(Predicate<Thread> filter) {
        addFilter(filter, false);
    }

    /**
     * Like {@link #watchThreads}, for threads that also serve other work, such as the common fork-join pool's
     * workers (parallel streams, async futures): they count as this monitor's only until {@link #finish()},
     * when their rows end (their history stays in the summary), so that the next user of the pool does not
     * keep this monitor from finishing.
     *
     * @param filter which shared threads work here now
     * @throws NullPointerException if {@code filter} is null
     */
    public void watchSharedThreads(Predicate<Thread> filter) {
        addFilter(filter, true);
    }

    private void addFilter(Predicate<Thread> filter, boolean shared) {
        Objects.requireNonNull(filter, "filter");
        if (!Monitor.isEnabled()) return;
        synchronized (this) {
            if (closed) return;
            if (shared) sharedFilter = sharedFilter == null ? filter : sharedFilter.or(filter);
            else threadFilter = threadFilter == null ? filter : threadFilter.or(filter);
            attach();
        }
    }

    /**
     * A thread filter for {@link #watchThreads}: threads in {@code group} or its subgroups. A thread joins the
     * group of the thread that creates it (executors' default thread factories: of the thread that creates the
     * factory), so evaluating a cell in a thread of a group of its own gathers every thread its code starts;
     * combine with {@code .and(t -> t != evaluationThread)} to leave the evaluating thread itself out.
     *
     * @param group the group
     * @return the filter
     * @throws NullPointerException if {@code group} is null
     */
    public static Predicate<Thread> inGroup(ThreadGroup group) {
        Objects.requireNonNull(group, "group");
        return t -> {
            for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) if (g == group) return true;
            return false;
        };
    }

    /**
     * Shows the display now even if nothing is busy yet, and keeps sampling until {@link #finish()}.
     * Does nothing if it is already shown.
     */
    public synchronized void show() {
        if (closed) return;
        forceShow = true;
        if (shownDisplay == null) publish(System.nanoTime(), false);
        attach();
    }

    /**
     * Tells the monitor that the cell's code has returned. First waits (up to two seconds) until the exit code
     * of every watched process that says it has exited is known, so that the processes the cell joined show as
     * ended. Takes a last reading; if the watched work is over, renders the final summary before returning and
     * stops sampling; otherwise the summary follows when the last process exits and no watched thread works.
     * A runnable thread not yet read over a whole interval is read again first (up to
     * {@value Series#MIN_INTERVAL_MILLIS} ms). The summary is an update like any other: it comes at least
     * {@value #MIN_UPDATE_MILLIS} ms after the previous update, so this may wait up to that long too.
     */
    public void finish() {
        awaitReportedExits();
        untilSettled(() -> {
            stopWatchingNewThreads(System.nanoTime());
            return advance(System.nanoTime(), -1);
        });
    }

    /**
     * Stops monitoring: takes a last reading, renders the summary of what was recorded (if there is anything
     * to show; like {@link #finish()}, at least {@value #MIN_UPDATE_MILLIS} ms after the previous update, so
     * this may wait up to that long) and releases everything. Later calls to the watch methods are ignored.
     */
    @Override
    public void close() {
        boolean[] read = new boolean[1];
        untilSettled(() -> {
            long now = System.nanoTime();
            stopWatchingNewThreads(now);
            if (!read[0]) sampleAll(nowMillis(now), -1);
            read[0] = true;
            long wait = publish(now, true);
            if (wait == 0) {
                closed = true;
                detach();
            }
            return wait;
        });
    }

    /**
     * The code has returned: the threads it started since the last tick are still its work, later ones are not,
     * and the shared ones it used are no longer.
     */
    private void stopWatchingNewThreads(long nowNanos) {
        if (finished) return;
        finished = true;
        long now = nowMillis(nowNanos);
        if (attached && threadFilter != null) {
            sharedFilter = null; // a common-pool worker that turns up only now did nothing here worth a row
            discoverThreads(now);
        }
        threadFilter = null;
        sharedFilter = null;
        for (Row r : rows) if (r instanceof ThreadRow t && t.shared()) t.end(now);
    }

    /**
     * Runs {@code step} under this monitor's lock until it no longer asks to wait (its answer: nanoseconds
     * until the final summary may be sent), waiting outside the lock so that the sampler can go on.
     */
    private void untilSettled(java.util.function.LongSupplier step) {
        long wait;
        synchronized (this) {
            if (closed) return;
            wait = step.getAsLong();
        }
        while (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                // the sampler, still attached while the summary is due, sends it at its next tick
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                if (closed) return;
                wait = step.getAsLong();
            }
        }
    }

    /**
     * Waits, outside the lock, for the exit codes of processes that say they have exited: a thread that joined
     * a child can return before the child's exit future has told its row (the future's actions run one after
     * another, on the thread that completed it).
     */
    private void awaitReportedExits() {
        Map<ProcessRow, CompletableFuture<Integer>> exits = new IdentityHashMap<>();
        synchronized (this) {
            for (Row r : rows) {
                CompletableFuture<Integer> f = r instanceof ProcessRow p ? p.reportedExit() : null;
                if (f != null) exits.put((ProcessRow) r, f);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ProcessRow.EXIT_GRACE_MILLIS);
        for (Map.Entry<ProcessRow, CompletableFuture<Integer>> e : exits.entrySet()) {
            try {
                Integer code = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                synchronized (this) {
                    e.getKey().exitKnown(code, nowMillis());
                }
            } catch (ExecutionException | TimeoutException ignored) {
                // no code is coming: the row says "exited" once the grace period is over
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return whether {@link #close()} was called, or {@link #finish()} and everything watched has stopped */
    public synchronized boolean isDone() { return closed || (finished && !attached); }

    /** @return everything recorded so far, at full resolution (history beyond ~8 minutes is thinned) */
    public synchronized MonitorSnapshot snapshot() {
        return snapshot(!isDone() && working(), s -> s.spread(Integer.MAX_VALUE));
    }

    /**
     * @param images whether the chart may be drawn as PNG (see {@link MonitorView#showsImages()})
     * @return the summary (text, HTML with the chart, the chart as PNG) of what was recorded so far
     */
    synchronized MonitorBundles.Display summary(boolean images) {
        MonitorSnapshot s = snapshot(false, series -> series.spread(CHART_POINTS));
        return images ? MonitorBundles.summary(s) : MonitorBundles.summary(s, withoutPng -> null);
    }

    /**
     * One sampler tick: reads everything watched, appends the totals and refreshes the display.
     *
     * @return whether to stay attached to the sampler
     */
    synchronized boolean tick(long nowNanos, long machineNanos) {
        if (closed) return false;
        return advance(nowNanos, machineNanos) >= 0;
    }

    /**
     * Reads everything watched (while sampling) and refreshes the display; once finished and the work is over,
     * the display becomes the summary and sampling stops.
     *
     * @return 0 while something works, -1 once the summary is shown and sampling has stopped, or how many
     *         nanoseconds the due summary must still wait for (sampling goes on meanwhile)
     */
    private long advance(long nowNanos, long machineNanos) {
        long now = nowMillis(nowNanos);
        if (attached) {
            if (threadFilter != null || sharedFilter != null) discoverThreads(now);
            sampleAll(now, machineNanos);
        }
        boolean done = finished && !working();
        long undecided = done && attached ? untilThreadsDecided(now) : 0;
        if (undecided > 0) {
            publish(nowNanos, false);
            return undecided * 1_000_000;
        }
        if (done) for (Row r : rows) if (r instanceof ProcessRow p && p.shared()) p.leave(now);
        long wait = publish(nowNanos, done);
        if (!done) return 0;
        if (wait > 0) return wait;
        if (attached) detach();
        return -1;
    }

    /** @return milliseconds until every runnable watched thread has been read over a whole interval, or 0 */
    private long untilThreadsDecided(long now) {
        long wait = 0;
        for (Row r : rows) {
            if (r instanceof ThreadRow t && t.undecided()) {
                wait = Math.max(wait, Math.max(1, t.series.startMillis() + Series.MIN_INTERVAL_MILLIS - now));
            }
        }
        return wait;
    }

    private void sampleAll(long now, long machineNanos) {
        long cpu = 0;
        long rss = 0;
        boolean rssKnown = false;
        for (Row r : rows) {
            r.sample(now);
            cpu += r.series.cpuSinceStart();
            if (r.running() && r.series.lastRss() >= 0) {
                rss += r.series.lastRss();
                rssKnown = true;
            }
        }
        // The totals (and the chart's time axis) cover the work: they take one more reading once it is over,
        // for the CPU used up to its end, and stop; so the wall time is not the time until the cell ends.
        boolean workingNow = working();
        boolean add = total.isEmpty() || workingNow || workedAtLastReading;
        workedAtLastReading = workingNow;
        if (!add) return;
        if (total.isEmpty()) total.add(now, 0, -1);
        else total.add(now, cpu, rssKnown ? rss : -1);
        if (machineNanos >= 0) {
            if (machineBaseline < 0) machineBaseline = machineNanos;
            machine.add(now, machineNanos - machineBaseline, -1);
        }
    }

    /**
     * Shows or updates the display if what it would show changed. Updates are at least
     * {@value #MIN_UPDATE_MILLIS} ms apart as the front end receives them: each waits that long after the
     * previous call returned (the live ones skip a tick, the final summary waits).
     *
     * @return 0, or how many nanoseconds the final summary ({@code last}) must wait before it may be sent
     */
    private long publish(long nowNanos, boolean last) {
        boolean anyProcess = false;
        boolean sharedAlive = false;
        visibleRows.clear();
        for (Row r : rows) {
            if (shown(r)) visibleRows.add(r);
            anyProcess |= r instanceof ProcessRow;
            sharedAlive |= r instanceof ProcessRow p && p.shared() && p.running();
        }
        if (!forceShow && visibleRows.isEmpty()) return 0;
        if (shownDisplay != null && !last && nowNanos - shownAtNanos < MIN_UPDATE_NANOS) return 0;
        // Before the code returns, a pool worker between tasks (or in a task that sleeps) is no end of the work.
        boolean summary = last || (!working() && anyProcess && !sharedAlive);
        // Heading for a chart: have Java2D loaded while the work runs, not when the cell ends.
        if (!summary && view.showsImages() && total.cpuSinceStart() >= MonitorBundles.CHART_MIN_CPU_NANOS / 2) {
            PngCharts.warmUpInBackground();
        }
        // compare what would be shown before rendering it: most ticks of an idle cell change nothing visible
        Object model = summary ? summaryKey()
                               : LiveModel.of(visibleRows, total, cores, total.isEmpty() ? nowMillis() : total.lastMillis());
        if (model.equals(shownModel)) return 0;
        // The summary right after the first show is one update: no wait. After an update it waits its turn.
        if (shownDisplay != null && updatedAtNanos != null) {
            long wait = updatedAtNanos + MIN_UPDATE_NANOS - nowNanos;
            if (wait > 0) return last ? wait : 0;
        }
        MonitorBundles.Display bundle = summary ? summary(view.showsImages()) : MonitorBundles.live((LiveModel) model);
        shownModel = model;
        if (bundle.equals(shownDisplay)) return 0;
        if (shownDisplay == null) {
            Monitor.noteShown(this);
            view.show(bundle.data(), bundle.metadata());
        } else {
            view.update(bundle.data(), bundle.metadata());
            updatedAtNanos = System.nanoTime();
        }
        shownDisplay = bundle;
        shownAtNanos = System.nanoTime();
        return 0;
    }

    /** The summary changes only when a reading is added or a state changes (an exit code arriving late). */
    private String summaryKey() {
        StringBuilder key = new StringBuilder("summary ").append(total.lastMillis()).append(' ').append(rows.size());
        for (Row r : rows) key.append(' ').append(shown(r)).append(r.state()).append(r.series.lastMillis());
        return key.toString();
    }

    /** @return whether a process is running or a watched thread works */
    private boolean working() {
        for (Row r : rows) {
            if (r instanceof ProcessRow p && p.working()) return true;
            if (r instanceof ThreadRow t && t.working()) return true;
        }
        return false;
    }

    private boolean shown(Row r) { return !(r instanceof ThreadRow t) || t.busy(); }

    private MonitorSnapshot snapshot(boolean live, Function<Series, List<Sample>> pick) {
        List<SeriesSnapshot> out = new ArrayList<>(rows.size());
        for (Row r : rows) if (shown(r)) out.add(r.snapshot(pick));
        long now = total.isEmpty() ? nowMillis() : total.lastMillis();
        long start = total.isEmpty() ? now : total.startMillis();
        SeriesSnapshot sum = new SeriesSnapshot(SeriesSnapshot.Kind.TOTAL, "total", 0, live ? "running" : "finished",
                                                live, start, live ? -1 : now, pick.apply(total));
        SeriesSnapshot whole = machine.isEmpty() ? null
            : new SeriesSnapshot(SeriesSnapshot.Kind.MACHINE, "machine", 0, "", live, machine.startMillis(), -1,
                                 pick.apply(machine));
        return new MonitorSnapshot(title, cores, startEpochMillis, now, live, out, sum, whole);
    }

    private void discoverThreads(long now) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        int n;
        while ((n = root.enumerate(threadScratch, true)) == threadScratch.length) {
            threadScratch = new Thread[threadScratch.length * 2];
        }
        for (int i = 0; i < n; i++) {
            Thread t = threadScratch[i];
            threadScratch[i] = null;
            if (threadRows.containsKey(t) || t.getName().equals(Sampler.THREAD_NAME)) continue;
            if (matches(threadFilter, t)) addThread(t, now, false);
            else if (matches(sharedFilter, t)) addThread(t, now, true);
        }
    }

    /** A filter's answer; an exception counts as "no". */
    private static boolean matches(Predicate<Thread> filter, Thread t) {
        try {
            return filter != null && filter.test(t);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void addThread(Thread thread, long now, boolean shared) {
        if (threadRows.containsKey(thread) || THREADS == null) return;
        ThreadRow row = new ThreadRow(thread, now, THREADS, shared);
        threadRows.put(thread, row);
        rows.add(row);
        startTotals(now);
    }

    /** The totals (and the chart's time axis) start with the first row: no row starts before them. */
    private void startTotals(long now) {
        if (total.isEmpty()) total.add(now, 0, -1);
    }

    private void attach() {
        if (attached) return;
        attached = true;
        Sampler.instance().attach(this);
    }

    private void detach() {
        attached = false;
        Sampler.instance().detach(this);
        // detached when done (nothing runs) or closed (nothing will be read again): no descriptor is needed
        for (Row r : rows) r.release();
    }

    private long nowMillis() { return nowMillis(System.nanoTime()); }

    private long nowMillis(long nanos) { return (nanos - originNanos) / 1_000_000; }

    private static ThreadMXBean threadBean() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isThreadCpuTimeSupported()) return null;
        if (!bean.isThreadCpuTimeEnabled()) bean.setThreadCpuTimeEnabled(true);
        return bean;
    }
}
