/*
 * The monitor's own cost: CPU time of its sampler thread while it watches 16 idle child processes (plain
 * `sleep` processes) for 10 s, rendering the live display each tick as it would in the kernel.
 *
 *   mvn -q -o package -DskipTests && java -cp target/procbook.jar bench/java/MonitorOverhead.java
 *
 * Prints one JSON line; the target is cpu_percent_of_core < 1. The first 2 s (JIT warm-up) are not measured.
 */

import io.procbook.monitor.CellMonitor;
import io.procbook.monitor.MonitorView;
import io.procbook.mp.spi.ChildProcess;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public class MonitorOverhead {

    static final int PROCESSES = 16;
    static final long WARMUP_MILLIS = 2_000;
    static final long MEASURE_MILLIS = 10_000;

    /** A `sleep` process seen through the runtime's ChildProcess contract. */
    record Sleeper(String name, Process process) implements ChildProcess {
        @Override public long pid() { return process.pid(); }
        @Override public Kind kind() { return Kind.SUBPROCESS; }
        @Override public boolean isAlive() { return process.isAlive(); }
        @Override public void terminate() { process.destroy(); }
        @Override public void kill() { process.destroyForcibly(); }
        @Override public CompletableFuture<Integer> onExit() { return process.onExit().thenApply(Process::exitValue); }
    }

    /** Counts what the kernel would send, and keeps the content alive as the kernel would until sent. */
    static final class CountingView implements MonitorView {
        final AtomicInteger shows = new AtomicInteger();
        final AtomicInteger updates = new AtomicInteger();
        volatile int lastLength;
        @Override public void show(Map<String, Object> bundle) { shows.incrementAndGet(); lastLength = size(bundle); }
        @Override public void update(Map<String, Object> bundle) { updates.incrementAndGet(); lastLength = size(bundle); }
        private static int size(Map<String, Object> b) { return b.values().stream().mapToInt(v -> v.toString().length()).sum(); }
    }

    public static void main(String[] args) throws Exception {
        List<Sleeper> children = new ArrayList<>();
        CountingView view = new CountingView();
        CellMonitor monitor = new CellMonitor("bench", view);
        try {
            for (int i = 0; i < PROCESSES; i++) {
                children.add(new Sleeper("Worker-" + i, new ProcessBuilder("sleep", "60").start()));
            }
            for (Sleeper c : children) monitor.watchProcess(c);
            Thread sampler = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("procbook-monitor")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sampler thread"));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            @SuppressWarnings("deprecation") long id = sampler.getId();

            long start = System.nanoTime();
            Thread.sleep(WARMUP_MILLIS); // a fixed window is the measurement here, not synchronisation
            int updates0 = view.updates.get();
            long cpu0 = threads.getThreadCpuTime(id);
            double warmupPercent = cpu0 * 100.0 / (System.nanoTime() - start);
            long wall0 = System.nanoTime();
            Thread.sleep(MEASURE_MILLIS);
            long cpu1 = threads.getThreadCpuTime(id);
            long wall1 = System.nanoTime();
            int updates = view.updates.get() - updates0;

            double percent = (cpu1 - cpu0) * 100.0 / (wall1 - wall0);
            System.out.println(String.format(Locale.ROOT,
                "{\"bench\":\"monitor_overhead\",\"impl\":\"procbook\",\"processes\":%d,\"warmup_s\":%.0f,"
                    + "\"warmup_cpu_percent_of_core\":%.3f,\"seconds\":%.1f,"
                    + "\"cpu_percent_of_core\":%.3f,\"sampler_cpu_ms\":%.1f,\"display_updates\":%d,"
                    + "\"display_bytes\":%d,\"cores\":%d}",
                PROCESSES, WARMUP_MILLIS / 1e3, warmupPercent, (wall1 - wall0) / 1e9, percent, (cpu1 - cpu0) / 1e6, updates, view.lastLength,
                Runtime.getRuntime().availableProcessors()));
        } finally {
            monitor.close();
            for (Sleeper c : children) c.process().destroyForcibly();
            for (Sleeper c : children) {
                if (!c.process().waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("child survived: " + c.pid());
            }
        }
    }
}
