import io.procbook.mp.Manager;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Manager dict throughput from a child process: the child does {@code d.put(k, i); d.get(k)} in a loop on a
 * proxy of the parent's {@code Manager().dict()} and counts both calls as ops. bench/python/manager_bench.py
 * measures Python's {@code Manager().dict()} the same way. Run from the project root after {@code mvn package}:
 * <pre>java -cp target/procbook.jar bench/java/ManagerBench.java</pre>
 * The child is this same source file started again with {@code child <proxy>}; the proxy reaches it serialized,
 * as it does through a Process.
 */
public class ManagerBench {

    static final int WARMUP = 20_000;
    static final int ROUNDS = 100_000;
    static final int REPEATS = 3;

    public static void main(String[] a) throws Exception {
        if (a.length > 0 && a[0].equals("child")) {
            child(a[1]);
            return;
        }
        try (Manager m = new Manager()) {
            Map<String, Integer> d = m.dict();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(b)) {
                out.writeObject(d);
            }
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "bench/java/ManagerBench.java", "child", Base64.getEncoder().encodeToString(b.toByteArray()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            double best = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) best = Math.max(best, Double.parseDouble(line));
            }
            if (p.waitFor() != 0) throw new IllegalStateException("child failed");
            if (d.size() != 1 || d.get("k") != ROUNDS - 1) throw new IllegalStateException("wrong contents " + d);
            System.out.printf("{\"bench\":\"manager_dict\",\"impl\":\"procbook\",\"ops_per_s\":%.0f,"
                    + "\"ops\":%d,\"note\":\"put+get from a child process, best of %d\"}%n", best, 2 * ROUNDS, REPEATS);
        }
    }

    @SuppressWarnings("unchecked")
    static void child(String proxy) throws Exception {
        Map<String, Integer> d;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(proxy)))) {
            d = (Map<String, Integer>) in.readObject();
        }
        loop(d, WARMUP);
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            loop(d, ROUNDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.println(2 * ROUNDS / secs);
        }
    }

    static void loop(Map<String, Integer> d, int n) {
        for (int i = 0; i < n; i++) {
            d.put("k", i);
            if (d.get("k") != i) throw new IllegalStateException("lost write " + i);
        }
    }
}
