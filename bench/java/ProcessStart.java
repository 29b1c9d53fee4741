import io.procbook.mp.Process;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.spi.ClassSource;
import io.procbook.mp.spi.Hooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Process start latency with a trivial target, the procbook side (bench/python/process_start.py is Python's,
 * run beside it by bench/run). One scenario per run, each in a fresh JVM:
 * <ul>
 *   <li>{@code single}: start+join with a pre-started JVM ready (median of 30), then with the pool off
 *       (cold, median of 30);
 *   <li>{@code loop}: 200 x (start, join) back to back, as a notebook loop does: the mean per iteration;
 *   <li>{@code burst}: 2 x cores processes started one after the other, then joined: the time until all have
 *       exited, the first time (the pool at its base count) and again once the pool has adapted;
 *   <li>{@code idle}: the memory each waiting pre-started JVM holds (resident and proportional set size).
 * </ul>
 * Each row also gives the CPU time the children used per start (reaped children's user+system time, which
 * depends much less on a shared machine's load than wall time does) and the 1-minute load average.
 *
 * <p>Run: {@code java -cp target/procbook.jar bench/java/ProcessStart.java single|loop|burst|idle}. A
 * source-launched program's classes exist only in memory, like a notebook's cells, so this installs a
 * ClassSource serving its own bytecode, and children load the target exactly as they load cell-defined code.
 */
public class ProcessStart {

    static final int N = 30;
    static final int LOOP = 200;

    public static void main(String[] args) throws Exception {
        Hooks.setClassSource(new OwnClasses());
        String mode = args.length > 0 ? args[0] : "single";
        switch (mode) {
            case "single" -> single();
            case "loop" -> loop();
            case "burst" -> burst();
            case "idle" -> idle();
            default -> throw new IllegalArgumentException("unknown scenario " + mode + ": single|loop|burst|idle");
        }
        System.exit(0);
    }

    static void single() throws Exception {
        for (int i = 0; i < 10; i++) once(); // JIT
        waitForArchive();
        double[] warm = new double[N];
        long cpu0 = childCpuMillis();
        for (int i = 0; i < N; i++) {
            settle(); // measure with a ready pool and nothing being launched or warming up
            warm[i] = once();
        }
        report("process_start", "procbook-warm", warm, childCpuMillis() - cpu0);

        System.setProperty("procbook.warmJvms", "0");
        WarmPool.drain();
        double[] cold = new double[N];
        cpu0 = childCpuMillis();
        for (int i = 0; i < N; i++) cold[i] = once();
        report("process_start", "procbook-cold", cold, childCpuMillis() - cpu0);
    }

    /** A loop of starts as a notebook user writes it, from a session that has started one process before. */
    static void loop() throws Exception {
        once();
        waitForArchive();
        settle();
        long cpu0 = childCpuMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < LOOP; i++) once();
        double perStart = (System.nanoTime() - t0) / 1e6 / LOOP;
        System.out.printf("{\"bench\":\"process_loop\",\"impl\":\"procbook\",\"mean_ms\":%.2f,\"n\":%d,"
                + "\"child_cpu_ms\":%.1f,\"java\":%d,\"load1\":%.2f}%n", perStart, LOOP,
                (double) (childCpuMillis() - cpu0) / LOOP, Runtime.version().feature(), load());
    }

    /** A cell that starts 2 x cores processes at once, run twice: the pool adapts to the first burst. */
    static void burst() throws Exception {
        int n = 2 * Runtime.getRuntime().availableProcessors();
        once();
        waitForArchive();
        settle();
        for (String when : new String[] {"first", "again"}) {
            long cpu0 = childCpuMillis();
            long t0 = System.nanoTime();
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Process p = new Process(() -> { });
                p.start();
                ps.add(p);
            }
            for (Process p : ps) {
                p.join();
                if (p.exitCode() != 0) throw new IllegalStateException("child failed: " + p.exception());
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf("{\"bench\":\"process_burst_%s\",\"impl\":\"procbook\",\"total_ms\":%.2f,\"n\":%d,"
                    + "\"child_cpu_ms\":%.1f,\"java\":%d,\"load1\":%.2f}%n", when, ms, n,
                    (double) (childCpuMillis() - cpu0) / n, Runtime.version().feature(), load());
            settle();
        }
    }

    /** What the base count of waiting JVMs costs in memory while nothing happens. */
    static void idle() throws Exception {
        once();
        waitForArchive();
        settle();
        List<Long> pids = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Rss:")) rss += kb(line);
                if (line.startsWith("Pss:")) pss += kb(line);
            }
        }
        System.out.printf("{\"bench\":\"warm_jvm_memory\",\"impl\":\"procbook\",\"pss_mb_each\":%.1f,"
                + "\"rss_mb_each\":%.1f,\"n\":%d,\"java\":%d,\"load1\":%.2f}%n", pss / 1024.0 / pids.size(),
                rss / 1024.0 / pids.size(), pids.size(), Runtime.version().feature(), load());
    }

    private static long kb(String smapsLine) {
        return Long.parseLong(smapsLine.replaceAll("[^0-9]", ""));
    }

    /**
     * The first child of a new class path makes the runtime build its class data archive in the background
     * (a training run of some seconds); a JVM launched before it is ready boots without it. Wait for it, and
     * for the pool's JVMs launched meanwhile to be replaced by ones that use it.
     */
    static void waitForArchive() throws InterruptedException {
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("procbook-cds-dump"))) {
            Thread.sleep(100);
        }
        WarmPool.drain();
        once();
    }

    /** Waits until the pre-started JVMs are all launched and warmed up, so that no start-up is measured. */
    static void settle() throws InterruptedException {
        do {
            Thread.sleep(50);
        } while (!WarmPool.settled());
        Thread.sleep(150);
    }

    static double once() {
        long t0 = System.nanoTime();
        Process p = new Process(() -> { });
        p.start();
        p.join();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitCode() != 0) throw new IllegalStateException("child failed: " + p.exception());
        return ms;
    }

    /** The user+system CPU time of this JVM's reaped children, in ms (Linux: /proc/self/stat, in clock ticks). */
    static long childCpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10; // cutime, cstime; USER_HZ is 100 here
    }

    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void report(String bench, String impl, double[] t, long childCpuMs) {
        double[] s = t.clone();
        Arrays.sort(s);
        System.out.printf("{\"bench\":\"%s\",\"impl\":\"%s\",\"median_ms\":%.2f,\"min_ms\":%.2f,\"n\":%d,"
                + "\"child_cpu_ms\":%.1f,\"java\":%d,\"load1\":%.2f}%n", bench, impl, s[s.length / 2], s[0],
                s.length, (double) childCpuMs / s.length, Runtime.version().feature(), load());
    }

    /**
     * Serves this program's in-memory classes to children. Each class's bytes are read once and handed out as
     * copies, as the kernel's class registry keeps a cell's bytes and hands out copies.
     */
    static final class OwnClasses implements ClassSource {
        private final java.util.Map<String, byte[]> read = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public byte[] bytecode(String name) {
            if (!name.startsWith("ProcessStart")) return null;
            byte[] b = read.computeIfAbsent(name, OwnClasses::readOwn);
            return b.length == 0 ? null : b.clone();
        }

        private static byte[] readOwn(String name) {
            try (InputStream in = ProcessStart.class.getClassLoader()
                    .getResourceAsStream(name.replace('.', '/') + ".class")) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }

        @Override
        public Class<?> loadedClass(String name) {
            try {
                return bytecode(name) == null ? null : Class.forName(name, false, ProcessStart.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return null;
            }
        }
    }
}
