import io.procbook.mp.Process;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.spi.ClassSource;
import io.procbook.mp.spi.Hooks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Process start+join latency with a trivial target: warm (a pre-started JVM is ready) and cold (no warm
 * pool), median of 30, with the 1-minute load average at the end of each series (the machine may be
 * shared; bench/run measures Python's fork/forkserver/spawn beside it in the same run).
 *
 * <p>Run: {@code java -cp target/procbook.jar bench/java/ProcessStart.java}. A source-launched program's
 * classes exist only in memory, like a notebook's cells, so this installs a ClassSource serving its own
 * bytecode, and children load the target exactly as they load cell-defined code.
 */
public class ProcessStart {

    static final int N = 30;

    public static void main(String[] args) throws Exception {
        Hooks.setClassSource(new OwnClasses());
        System.setProperty("procbook.warmJvms", "2");
        for (int i = 0; i < 10; i++) once(); // JIT, the class data sharing archive (made in the background)
        Thread.sleep(3000);

        double[] warm = new double[N];
        for (int i = 0; i < N; i++) {
            while (WarmPool.idle() < 2) Thread.sleep(10); // measure with a ready pool and no refill running
            Thread.sleep(150);
            warm[i] = once();
        }
        report("procbook-warm", warm);

        System.setProperty("procbook.warmJvms", "0");
        WarmPool.drain();
        double[] cold = new double[N];
        for (int i = 0; i < N; i++) cold[i] = once();
        report("procbook-cold", cold);
        System.exit(0);
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

    static void report(String impl, double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        System.out.printf("{\"bench\":\"process_start\",\"impl\":\"%s\",\"median_ms\":%.2f,\"min_ms\":%.2f,\"n\":%d,"
                + "\"java\":%d,\"load1\":%.2f}%n", impl, s[s.length / 2], s[0], s.length, Runtime.version().feature(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
