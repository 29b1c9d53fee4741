import io.procbook.mp.Manager;
import io.procbook.mp.internal.PrivateObjectInputStream;
import io.procbook.mp.internal.PrivateObjectOutputStream;
import io.procbook.mp.internal.manager.RemoteHandler;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Manager dict throughput from a child process: the child does {@code d.put(k, i); d.get(k)} in a loop on a
 * proxy of the parent's {@code Manager().dict()} and counts both calls as ops. bench/python/manager_bench.py
 * measures Python's {@code Manager().dict()} the same way. Run from the project root after {@code mvn package}:
 * <pre>java -cp target/procbook.jar bench/java/ManagerBench.java</pre>
 * The child is this same source file started again with {@code child}; the proxy reaches it serialized on its
 * stdin through the runtime's private object stream, as it does through a Process (with its key, which never
 * goes on a command line). It runs twice: as any process of this host does (the connection moves to
 * shared memory), then with {@code -Dprocbook.manager.local=false}, as a client on another host would (TCP).
 * Each child reports the transport it really used, and the voluntary context switches per op of itself (the
 * client) and of its parent (the server).
 */
public class ManagerBench {

    static final int WARMUP = 20_000;
    static final int ROUNDS = 100_000;
    static final int REPEATS = 3;

    public static void main(String[] a) throws Exception {
        if (a.length > 0 && a[0].equals("child")) {
            child();
            return;
        }
        try (Manager m = new Manager()) {
            Map<String, Integer> d = m.dict();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new PrivateObjectOutputStream(b)) {
                out.writeObject(d);
            }
            byte[] proxy = b.toByteArray();
            run(d, proxy, "procbook", List.of());
            run(d, proxy, "procbook-tcp", List.of("-Dprocbook.manager.local=false"));
        }
    }

    static void run(Map<String, Integer> d, byte[] proxy, String impl, List<String> jvmOptions) throws Exception {
        d.clear();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("bench/java/ManagerBench.java", "child"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(proxy);
        }
        double best = 0;
        String switches = "";
        String transport = "?";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                if (f[0].equals("transport")) {
                    transport = line.substring(10);
                } else if (Double.parseDouble(f[0]) > best) {
                    best = Double.parseDouble(f[0]);
                    switches = "\"client_switches_per_op\":" + f[1] + ",\"server_switches_per_op\":" + f[2] + ",";
                }
            }
        }
        if (p.waitFor() != 0) throw new IllegalStateException("child failed");
        if (d.size() != 1 || d.get("k") != ROUNDS - 1) throw new IllegalStateException("wrong contents " + d);
        System.out.printf("{\"bench\":\"manager_dict\",\"impl\":\"%s\",\"ops_per_s\":%.0f,\"ops\":%d,%s"
                + "\"note\":\"put+get from a child process over %s, best of %d\"}%n", impl, best, 2 * ROUNDS,
                switches, transport, REPEATS);
    }

    /**
     * Voluntary context switches of process {@code pid} so far (all its threads): a thread that blocks in the kernel
     * for each message pays one, and on an idle machine its wake-up (tens of microseconds from a deep idle
     * state) is what bounds a round trip. Unlike ops/s this count hardly depends on the machine's load.
     */
    static long switches(long pid) throws IOException {
        long n = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    for (String l : Files.readAllLines(t.resolve("status"))) {
                        if (l.startsWith("voluntary_ctxt_switches:")) n += Long.parseLong(l.substring(24).trim());
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static void child() throws Exception {
        Map<String, Integer> d;
        try (ObjectInputStream in = new PrivateObjectInputStream(System.in)) {
            d = (Map<String, Integer>) in.readObject();
        }
        System.out.println("transport " + RemoteHandler.transport(d));
        loop(d, WARMUP);
        long self = ProcessHandle.current().pid();
        long server = ProcessHandle.current().parent().orElseThrow().pid();
        for (int r = 0; r < REPEATS; r++) {
            long c0 = switches(self);
            long s0 = switches(server);
            long t0 = System.nanoTime();
            loop(d, ROUNDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%f %.2f %.2f%n", 2 * ROUNDS / secs,
                    (switches(self) - c0) / (2.0 * ROUNDS), (switches(server) - s0) / (2.0 * ROUNDS));
        }
    }

    static void loop(Map<String, Integer> d, int n) {
        for (int i = 0; i < n; i++) {
            d.put("k", i);
            if (d.get("k") != i) throw new IllegalStateException("lost write " + i);
        }
    }
}
