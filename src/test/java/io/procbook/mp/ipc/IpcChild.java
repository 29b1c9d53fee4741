package io.procbook.mp.ipc;

import io.procbook.mp.Barrier;
import io.procbook.mp.Condition;
import io.procbook.mp.Connection;
import io.procbook.mp.Event;
import io.procbook.mp.Lock;
import io.procbook.mp.Queue;
import io.procbook.mp.RLock;
import io.procbook.mp.Semaphore;
import io.procbook.mp.UncheckedBrokenBarrierException;
import io.procbook.mp.Value;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The child side of the cross-process tests: {@code IpcChild <scenario> <handles/args...>}. Shared objects
 * arrive as serialized handles (see {@link Children#handle}), exactly as they will inside a Process.
 */
public final class IpcChild {

    private IpcChild() {
    }

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "produce": {
                Queue<Long> q = Children.fromHandle(a[1]);
                long id = Long.parseLong(a[2]);
                int n = Integer.parseInt(a[3]);
                for (int i = 0; i < n; i++) {
                    q.put(id << 32 | i);
                }
                break;
            }
            case "consume": {
                Queue<Long> q = Children.fromHandle(a[1]);
                Map<Long, long[]> stats = new HashMap<>(); // producer -> {count, sum, last, disorder}
                while (true) {
                    long m = q.get();
                    if (m < 0) {
                        break;
                    }
                    long[] s = stats.computeIfAbsent(m >>> 32, k -> new long[] {0, 0, -1, 0});
                    long seq = m & 0xFFFFFFFFL;
                    s[0]++;
                    s[1] += seq;
                    if (seq <= s[2]) {
                        s[3]++;
                    }
                    s[2] = seq;
                }
                stats.forEach((p, s) -> System.out.println("P " + p + " " + s[0] + " " + s[1] + " " + s[3]));
                System.out.println("DONE");
                break;
            }
            case "blockget": {
                Queue<Object> q = Children.fromHandle(a[1]);
                Event ready = Children.fromHandle(a[2]);
                ready.set();
                System.out.println("GOT " + q.get());
                break;
            }
            case "drain": {
                Queue<Long> q = Children.fromHandle(a[1]);
                Value.OfLong taken = Children.fromHandle(a[2]);
                while (true) {
                    q.get();
                    taken.incrementAndGet();
                }
            }
            case "pipesend": {
                Connection c = Children.fromHandle(a[1]);
                c.send(List.of(1, 2, 3));
                c.send(List.of("a", "b"));
                c.close();
                break;
            }
            case "pipehold": {
                Connection c = Children.fromHandle(a[1]);
                System.out.println("HOLDING " + c.writable());
                new CountDownLatch(1).await(); // until killed
                break;
            }
            case "echo": {
                Connection c = Children.fromHandle(a[1]);
                int n = Integer.parseInt(a[2]);
                for (int i = 0; i < n; i++) {
                    c.send(c.recv());
                }
                break;
            }
            case "count": {
                Value.OfLong v = Children.fromHandle(a[1]);
                int n = Integer.parseInt(a[2]);
                boolean locked = Boolean.parseBoolean(a[3]);
                Event go = Children.fromHandle(a[4]);
                Value.OfInt arrived = Children.fromHandle(a[5]);
                arrived.incrementAndGet();
                go.await(); // all counters start together, so that their increments really overlap
                for (int i = 0; i < n; i++) {
                    if (locked) {
                        try (var h = v.hold()) {
                            v.set(v.get() + 1);
                        }
                    } else {
                        v.set(v.get() + 1);
                    }
                }
                break;
            }
            case "lockhold": {
                Lock l = Children.fromHandle(a[1]);
                l.acquire();
                System.out.println("LOCKED");
                new CountDownLatch(1).await(); // until killed
                break;
            }
            case "rlockprobe": {
                RLock l = Children.fromHandle(a[1]);
                System.out.println("TRY " + l.tryAcquire());
                System.out.println("TIMED " + l.acquire(Duration.ofMillis(100)));
                try {
                    l.release();
                    System.out.println("RELEASE ok");
                } catch (IllegalMonitorStateException e) {
                    System.out.println("RELEASE refused");
                }
                System.out.println("OWNER " + l.ownerPid());
                break;
            }
            case "barrier": {
                Barrier b = Children.fromHandle(a[1]);
                try {
                    System.out.println("PASSED " + b.await());
                } catch (UncheckedBrokenBarrierException e) {
                    System.out.println("BROKEN");
                }
                break;
            }
            case "eventwait": {
                Event e = Children.fromHandle(a[1]);
                Value.OfInt arrived = Children.fromHandle(a[2]);
                arrived.incrementAndGet();
                e.await();
                System.out.println("RELEASED");
                break;
            }
            case "sem": {
                Semaphore s = Children.fromHandle(a[1]);
                Value.OfInt inside = Children.fromHandle(a[2]);
                Value.OfInt max = Children.fromHandle(a[3]);
                int n = Integer.parseInt(a[4]);
                for (int i = 0; i < n; i++) {
                    try (var h = s.hold()) {
                        int now = inside.incrementAndGet();
                        int m;
                        while (now > (m = max.get()) && !max.compareAndSet(m, now)) {
                            Thread.onSpinWait();
                        }
                        Thread.yield(); // give another process the chance to enter too
                        inside.addAndGet(-1);
                    }
                }
                break;
            }
            case "condwait": {
                Condition c = Children.fromHandle(a[1]);
                Value.OfInt flag = Children.fromHandle(a[2]);
                try (var h = c.hold()) {
                    System.out.println("WAITING");
                    System.out.println(c.waitFor(() -> flag.get() == 1, Duration.ofSeconds(60)) ? "WOKE" : "TIMEOUT");
                }
                break;
            }
            case "orphans": {
                Queue<String> kept = new Queue<>();
                kept.put("x".repeat(10_000)); // larger than a slot: also leaves a spill file
                Queue<String> shared = new Queue<>();
                shared.put("from a dead process");
                new Lock();
                System.out.println("SHARED " + Children.handle(shared));
                new Event().await(Duration.ofDays(1)); // sleeps on a wait area: opens this process's socket
                break;
            }
            case "napsocket": {
                // sleeps on an event nobody sets (past spinning: where a waiter opens its wake-up socket)
                Event never = Children.fromHandle(a[1]);
                System.out.println("TIMED OUT " + !never.await(Duration.ofMillis(200)));
                java.nio.file.Path socket = io.procbook.mp.internal.shm.ShmDir.socketPath(ProcessHandle.current().pid());
                System.out.println("SOCKET " + (socket != null && java.nio.file.Files.exists(socket)));
                break;
            }
            default:
                throw new IllegalArgumentException("unknown scenario " + a[0]);
        }
    }
}
