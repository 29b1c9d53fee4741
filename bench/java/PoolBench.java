import io.procbook.mp.Pool;
import io.procbook.mp.Process;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.spi.ClassSource;
import io.procbook.mp.spi.Hooks;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Pool throughput and scaling, the procbook side (bench/python/pool_bench.py is Python's, run beside it):
 * Pool(2).map of a trivial function over 10,000 items with chunksize 1 and over 100,000 items with the
 * default chunking (tasks/s, median of several runs after warm-up), and a CPU-bound task (counting primes)
 * with 1..N workers on N cores: speed-up over one worker. The map rows also give the CPU time one task cost
 * (this JVM's and the workers', in microseconds), which depends much less on a shared machine's load than
 * the rate does, and the 1-minute load average.
 *
 * <p>Run: {@code java -cp target/procbook.jar bench/java/PoolBench.java}. A source-launched program's classes
 * exist only in memory, like a notebook's cells, so this serves its own bytecode as the ClassSource and the
 * workers load the mapped functions as they load cell-defined code.
 */
public class PoolBench {

    public static void main(String[] args) throws Exception {
        Hooks.setClassSource(new OwnClasses());
        System.setProperty("procbook.warmJvms", "2");
        List<Integer> small = IntStream.range(0, 10_000).boxed().toList();
        List<Integer> big = IntStream.range(0, 100_000).boxed().toList();
        Pool pool = new Pool(2);
        for (int i = 0; i < 20; i++) { // JIT in parent and workers
            pool.map(PoolBench::identity, small, 1);
            pool.map(PoolBench::identity, big);
        }
        settle();
        report("pool_map_chunksize1", pool, small, 1, 7);
        report("pool_map_default_chunks", pool, big, 0, 15);
        pool.terminate();
        pool.join();

        int cores = Process.cpuCount();
        int tasks = 4 * cores;
        int limit = 2_000_000;
        int expected = primes(limit); // also warms this JVM's JIT; workers warm up below
        double one = 0;
        for (int w = 1; w <= cores; w++) {
            Pool p = new Pool(w);
            p.map(PoolBench::primes, IntStream.range(0, w).map(i -> 20_000).boxed().toList(), 1); // warm-up
            settle();
            long t0 = System.nanoTime();
            List<Integer> counts = p.map(PoolBench::primes, IntStream.range(0, tasks).map(i -> limit).boxed().toList(), 1);
            double s = (System.nanoTime() - t0) / 1e9;
            for (int c : counts) if (c != expected) throw new IllegalStateException("wrong prime count " + c);
            p.terminate();
            p.join();
            if (w == 1) one = s;
            System.out.printf("{\"bench\":\"pool_cpu_speedup\",\"impl\":\"procbook-%dw\",\"speedup\":%.2f,"
                    + "\"seconds\":%.3f,\"target\":%.2f,\"n\":%d,\"load1\":%.2f}%n", w, one / s, s, 0.9 * w, tasks,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    /**
     * Waits until the runtime has refilled its pre-started JVMs: starting a JVM takes a core for a few hundred
     * ms, which would be measured as the pool's slowness.
     */
    static void settle() throws InterruptedException {
        do {
            Thread.sleep(50);
        } while (WarmPool.idle() < 2 || !WarmPool.settled());
        Thread.sleep(300);
    }

    static int identity(int x) {
        return x;
    }

    /** Counts the primes below {@code n} by trial division: pure CPU, no allocation. */
    static int primes(int n) {
        int count = 0;
        for (int k = 2; k < n; k++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= k; d++) {
                if (k % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) count++;
        }
        return count;
    }

    static double rate(Pool pool, List<Integer> items, int chunksize, int runs) {
        double[] r = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            List<Integer> out = chunksize > 0 ? pool.map(PoolBench::identity, items, chunksize)
                    : pool.map(PoolBench::identity, items);
            r[i] = items.size() / ((System.nanoTime() - t0) / 1e9);
            if (!out.get(out.size() - 1).equals(items.get(items.size() - 1))) throw new IllegalStateException("wrong");
        }
        Arrays.sort(r);
        return r[runs / 2];
    }

    static void report(String bench, Pool pool, List<Integer> items, int chunksize, int runs) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long parent0 = os.getProcessCpuTime();
        long workers0 = workersCpu(pool);
        double tasksPerSecond = rate(pool, items, chunksize, runs);
        double tasks = (double) items.size() * runs;
        double parentUs = (os.getProcessCpuTime() - parent0) / tasks / 1e3;
        double workersUs = (workersCpu(pool) - workers0) / tasks / 1e3;
        System.out.printf("{\"bench\":\"%s\",\"impl\":\"procbook\",\"tasks_per_s\":%.0f,\"parent_cpu_us_per_task\":%.3f,"
                + "\"workers_cpu_us_per_task\":%.3f,\"load1\":%.2f}%n", bench, tasksPerSecond, parentUs, workersUs,
                os.getSystemLoadAverage());
    }

    /** @return the CPU time the pool's worker processes have used so far, in nanoseconds */
    static long workersCpu(Pool pool) {
        long sum = 0;
        for (var w : pool.workers()) {
            sum += ProcessHandle.of(w.pid()).flatMap(h -> h.info().totalCpuDuration())
                    .map(java.time.Duration::toNanos).orElse(0L);
        }
        return sum;
    }

    /** Serves this program's in-memory classes to the workers. */
    static final class OwnClasses implements ClassSource {
        @Override
        public byte[] bytecode(String name) {
            if (!name.startsWith("PoolBench")) return null;
            try (InputStream in = PoolBench.class.getClassLoader()
                    .getResourceAsStream(name.replace('.', '/') + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public Class<?> loadedClass(String name) {
            try {
                return bytecode(name) == null ? null : Class.forName(name, false, PoolBench.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return null;
            }
        }
    }
}
