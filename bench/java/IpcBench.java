import io.procbook.mp.Connection;
import io.procbook.mp.Event;
import io.procbook.mp.Pipe;
import io.procbook.mp.Queue;
import io.procbook.mp.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * IPC benchmarks of io.procbook.mp between real processes, one JSON object per line; bench/python/ipc_bench.py
 * measures the same with Python's multiprocessing. Run from the project root after {@code mvn package}:
 * <pre>java -cp target/procbook.jar bench/java/IpcBench.java</pre>
 * Children are this same source file started again with {@code child <scenario> <handles...>}; shared objects
 * reach them as serialized handles, as they do through a Process.
 */
public class IpcBench {

    static final int QUEUE_MSGS = 2_000_000;
    static final int PIPE_TRIPS = 20_000;
    static final int LOCK_OPS = 500_000;

    public static void main(String[] a) throws Exception {
        if (a.length > 0 && a[0].equals("child")) {
            child(Arrays.copyOfRange(a, 1, a.length));
            return;
        }
        queue1to1();
        pipeRoundTrip();
        valueUnderLock();
        idleWaiter();
    }

    // ---- parent side ----------------------------------------------------------------------------------------

    static void queue1to1() throws Exception {
        try (Queue<Integer> q = new Queue<>()) {
            Process p = start("produce", handle(q), "" + QUEUE_MSGS);
            for (int i = 0; i < QUEUE_MSGS; i++) { // warm-up round (both JITs)
                q.get();
            }
            q.get();
            long t0 = System.nanoTime();
            for (int i = 1; i < QUEUE_MSGS; i++) {
                q.get();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            finish(p);
            emit("queue_1to1", String.format("\"msgs_per_s\":%.0f,\"msgs\":%d", (QUEUE_MSGS - 1) / s, QUEUE_MSGS));
        }
    }

    static void pipeRoundTrip() throws Exception {
        Pipe pipe = Pipe.create();
        Process p = start("echo", handle(pipe.right()), "" + 2 * PIPE_TRIPS);
        pipe.right().close();
        Connection c = pipe.left();
        long[] us = new long[PIPE_TRIPS];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < PIPE_TRIPS; i++) {
                long t0 = System.nanoTime();
                c.send(i);
                c.recv();
                us[i] = System.nanoTime() - t0;
            }
        }
        finish(p);
        c.close();
        Arrays.sort(us);
        emit("pipe_roundtrip", String.format("\"median_us\":%.2f,\"p99_us\":%.2f,\"trips\":%d",
                us[PIPE_TRIPS / 2] / 1e3, us[PIPE_TRIPS * 99 / 100] / 1e3, PIPE_TRIPS));
    }

    static void valueUnderLock() throws Exception {
        try (Value.OfLong v = Value.ofLong(0); Value.OfInt ready = Value.ofInt(0); Value.OfInt done = Value.ofInt(0);
                Event go = new Event()) {
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ps.add(start("count", handle(v), handle(ready), handle(done), handle(go), "" + LOCK_OPS));
            }
            while (ready.get() < 2) {
                Thread.onSpinWait();
            }
            v.set(0);
            long t0 = System.nanoTime();
            go.set();
            while (done.get() < 2) {
                Thread.onSpinWait();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            for (Process p : ps) {
                finish(p);
            }
            if (v.get() != 2L * LOCK_OPS) {
                throw new IllegalStateException("lost increments: " + v.get());
            }
            emit("value_lock_2proc", String.format("\"ops_per_s\":%.0f,\"ops\":%d", 2.0 * LOCK_OPS / s, 2 * LOCK_OPS));
        }
    }

    /** CPU a consumer burns while blocked in get for 2 s, and how fast it wakes after 1 s of idleness. */
    static void idleWaiter() throws Exception {
        try (Queue<Long> in = new Queue<>(); Queue<Long> out = new Queue<>()) {
            Process p = start("idle", handle(in), handle(out));
            in.put(System.nanoTime()); // proves it is up and warms the path
            out.get();
            idle(Duration.ofSeconds(2)); // let the child's start-up JIT and GC work finish first
            ProcessHandle h = p.toHandle();
            long cpu0 = cpu(h);
            long t0 = System.nanoTime();
            idle(Duration.ofSeconds(2));
            long cpu = cpu(h) - cpu0;
            double wall = (System.nanoTime() - t0) / 1e9;
            long[] lat = new long[5];
            for (int i = 0; i < lat.length; i++) {
                idle(Duration.ofSeconds(1));
                long sent = System.nanoTime();
                in.put(sent);
                lat[i] = out.get() - sent;
            }
            in.put(-1L);
            finish(p);
            Arrays.sort(lat);
            emit("idle_waiter", String.format("\"cpu_pct\":%.3f,\"wake_after_idle_median_us\":%.1f",
                    100.0 * cpu / 1e9 / wall, lat[lat.length / 2] / 1e3));
        }
    }

    /** Sleeps the parent (this is the idle period being measured, not synchronisation). */
    static void idle(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static long cpu(ProcessHandle h) {
        return h.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    // ---- child side -----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static void child(String[] a) throws Exception {
        switch (a[0]) {
            case "produce": {
                Queue<Integer> q = (Queue<Integer>) fromHandle(a[1]);
                int n = Integer.parseInt(a[2]);
                for (int r = 0; r < 2; r++) {
                    for (int i = 0; i < n; i++) {
                        q.put(i);
                    }
                }
                break;
            }
            case "echo": {
                Connection c = (Connection) fromHandle(a[1]);
                int n = Integer.parseInt(a[2]);
                for (int i = 0; i < n; i++) {
                    c.send(c.recv());
                }
                break;
            }
            case "count": {
                Value.OfLong v = (Value.OfLong) fromHandle(a[1]);
                Value.OfInt ready = (Value.OfInt) fromHandle(a[2]);
                Value.OfInt done = (Value.OfInt) fromHandle(a[3]);
                Event go = (Event) fromHandle(a[4]);
                int n = Integer.parseInt(a[5]);
                increments(v, n); // warm-up, before the parent resets the value
                ready.incrementAndGet();
                go.await();
                increments(v, n);
                done.incrementAndGet();
                break;
            }
            case "idle": {
                Queue<Long> in = (Queue<Long>) fromHandle(a[1]);
                Queue<Long> out = (Queue<Long>) fromHandle(a[2]);
                while (true) {
                    long m = in.get();
                    if (m < 0) {
                        break;
                    }
                    out.put(System.nanoTime());
                }
                break;
            }
            default:
                throw new IllegalArgumentException(a[0]);
        }
    }

    static void increments(Value.OfLong v, int n) {
        for (int i = 0; i < n; i++) {
            try (var h = v.hold()) {
                v.set(v.get() + 1);
            }
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    static Process start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "bench/java/IpcBench.java", "child"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    static void finish(Process p) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child did not finish");
        }
    }

    static String handle(Object o) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return Base64.getEncoder().encodeToString(b.toByteArray());
    }

    static Object fromHandle(String s) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)))) {
            return in.readObject();
        }
    }

    static void emit(String bench, String fields) {
        System.out.println("{\"bench\":\"" + bench + "\",\"impl\":\"procbook\"," + fields + "}");
    }
}
