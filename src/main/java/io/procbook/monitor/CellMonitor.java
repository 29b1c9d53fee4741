package io.procbook.monitor;

import io.procbook.mp.spi.ChildProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The monitor of one notebook cell (or of a plain program): it watches the child processes and threads it is
 * given, samples them on the JVM's one sampler thread, and keeps one display up to date through its
 * {@link MonitorView}: shown once something is watched, updated at most every {@value #MIN_UPDATE_MILLIS} ms
 * and only when the rendered content changed, and turned into a static summary chart when everything watched
 * has stopped.
 *
 * <p>Lifecycle: create it when the cell starts; feed it {@link #watchProcess} (e.g. from a
 * {@code ProcessListener}), {@link #watchThread} or a {@link #watchThreads thread filter}; call {@link #finish()}
 * when the cell's code has returned. It then renders the summary as soon as every process has exited and no
 * watched thread is runnable (at once if that is already so) and stops sampling. A process watched after that
 * brings the live display back. {@link #close()} stops at once.
 *
 * <p>Safe for use by many threads.
 */
public final class CellMonitor implements AutoCloseable {

    /** Minimum time between two updates of the display. */
    public static final long MIN_UPDATE_MILLIS = 250;
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
    private final Series total = new Series(Row.HISTORY);
    private final Series machine = new Series(Row.HISTORY);
    private long machineBaseline = -1;
    private Predicate<Thread> threadFilter;
    private Thread[] threadScratch = new Thread[64];
    private Map<String, Object> shownBundle;
    private Object shownModel;
    private long shownAtNanos;
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
        Objects.requireNonNull(child, "child");
        if (!Monitor.isEnabled()) return;
        synchronized (this) {
            if (closed) return;
            for (Row r : rows) if (r instanceof ProcessRow p && p.id() == child.pid()) return;
            rows.add(new ProcessRow(child, nowMillis(), this::nowMillis));
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
            addThread(thread, nowMillis());
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
        Objects.requireNonNull(filter, "filter");
        if (!Monitor.isEnabled()) return;
        synchronized (this) {
            if (closed) return;
            threadFilter = threadFilter == null ? filter : threadFilter.or(filter);
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
        if (shownBundle == null) publish(System.nanoTime(), false);
        attach();
    }

    /**
     * Tells the monitor that the cell's code has returned. Takes a last reading; if nothing watched is still
     * running, renders the final summary before returning and stops sampling; otherwise the summary follows
     * when the last process exits and no watched thread is runnable.
     */
    public synchronized void finish() {
        if (closed) return;
        finished = true;
        threadFilter = null;
        if (!attached) {
            if (shownBundle != null && !busy()) publish(System.nanoTime(), true);
            return;
        }
        tick(System.nanoTime(), -1);
    }

    /**
     * Stops monitoring at once: takes a last reading, renders the summary of what was recorded (if there is
     * anything to show) and releases everything. Later calls to the watch methods are ignored.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        long now = System.nanoTime();
        finished = true;
        threadFilter = null;
        sampleAll(nowMillis(now), -1);
        publish(now, true);
        closed = true;
        detach();
    }

    /** @return whether {@link #close()} was called, or {@link #finish()} and everything watched has stopped */
    public synchronized boolean isDone() { return closed || (finished && !attached); }

    /** @return everything recorded so far, at full resolution (history beyond ~8 minutes is thinned) */
    public synchronized MonitorSnapshot snapshot() {
        return snapshot(!isDone() && busy(), s -> s.spread(Integer.MAX_VALUE));
    }

    /** @return the summary bundle (text, HTML with chart, SVG chart) for what was recorded so far */
    public synchronized Map<String, Object> summaryBundle() {
        return Bundles.summary(snapshot(false, s -> s.spread(CHART_POINTS)));
    }

    /**
     * One sampler tick: reads everything watched, appends the totals and refreshes the display.
     *
     * @return whether to stay attached to the sampler
     */
    synchronized boolean tick(long nowNanos, long machineNanos) {
        if (closed) return false;
        long now = nowMillis(nowNanos);
        if (threadFilter != null) discoverThreads(now);
        sampleAll(now, machineNanos);
        boolean done = finished && !busy();
        publish(nowNanos, done);
        if (done) detach();
        return !done;
    }

    private void sampleAll(long now, long machineNanos) {
        // once nothing runs the totals stop too, so that a finished cell's summary does not keep growing
        boolean anyRunning = false;
        for (Row r : rows) anyRunning |= r.running();
        if (!anyRunning && !total.isEmpty()) return;
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
        if (total.isEmpty()) total.add(now, 0, -1);
        else total.add(now, cpu, rssKnown ? rss : -1);
        if (machineNanos >= 0) {
            if (machineBaseline < 0) machineBaseline = machineNanos;
            machine.add(now, machineNanos - machineBaseline, -1);
        }
    }

    private void publish(long nowNanos, boolean last) {
        boolean anyProcess = false;
        visibleRows.clear();
        for (Row r : rows) {
            if (shown(r)) visibleRows.add(r);
            anyProcess |= r instanceof ProcessRow;
        }
        if (!forceShow && visibleRows.isEmpty()) return;
        if (shownBundle != null && !last && nowNanos - shownAtNanos < MIN_UPDATE_MILLIS * 1_000_000) return;
        boolean summary = last || (!busy() && anyProcess);
        // compare what would be shown before rendering it: most ticks of an idle cell change nothing visible
        Object model = summary ? summaryKey()
                               : LiveModel.of(visibleRows, total, cores, total.isEmpty() ? nowMillis() : total.lastMillis());
        if (model.equals(shownModel)) return;
        Map<String, Object> bundle = summary ? Bundles.summary(snapshot(false, s -> s.spread(CHART_POINTS)))
                                             : Bundles.live((LiveModel) model);
        shownModel = model;
        if (bundle.equals(shownBundle)) return;
        if (shownBundle == null) {
            Monitor.noteShown(this);
            view.show(bundle);
        } else {
            view.update(bundle);
        }
        shownBundle = bundle;
        shownAtNanos = nowNanos;
    }

    /** The summary changes only when a reading is added or a state changes (an exit code arriving late). */
    private String summaryKey() {
        StringBuilder key = new StringBuilder("summary ").append(total.lastMillis()).append(' ').append(rows.size());
        for (Row r : rows) key.append(' ').append(shown(r)).append(r.state()).append(r.series.lastMillis());
        return key.toString();
    }

    /** @return whether a process is running or a watched thread may be computing */
    private boolean busy() {
        for (Row r : rows) {
            if (r instanceof ProcessRow && r.running()) return true;
            if (r instanceof ThreadRow t && t.active()) return true;
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
            boolean mine;
            try {
                mine = threadFilter.test(t);
            } catch (RuntimeException e) {
                mine = false;
            }
            if (mine) addThread(t, now);
        }
    }

    private void addThread(Thread thread, long now) {
        if (threadRows.containsKey(thread) || THREADS == null) return;
        ThreadRow row = new ThreadRow(thread, now, THREADS);
        threadRows.put(thread, row);
        rows.add(row);
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
