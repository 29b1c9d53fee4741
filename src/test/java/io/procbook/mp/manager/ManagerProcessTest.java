package io.procbook.mp.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.BaseManager;
import io.procbook.mp.Event;
import io.procbook.mp.Manager;
import io.procbook.mp.ManagerException;
import io.procbook.mp.ServedSupplier;
import io.procbook.mp.Process;
import io.procbook.mp.Task;
import io.procbook.mp.UncheckedInterruptedException;
import java.io.ObjectInputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manager proxies captured by lambdas of real child processes (seed S20). */
class ManagerProcessTest {

    @AfterEach
    void nothingLeft() {
        Leftovers.assertNoChildren();
    }

    /** Tells the parent when the server child is reading it, then keeps that child from ever serving. */
    private static final class HeldInChild implements ServedSupplier<Object> {
        private static final long serialVersionUID = 1L;
        private final Event arrived;

        HeldInChild(Event arrived) {
            this.arrived = arrived;
        }

        @Override
        public Object get() {
            return new ArrayBlockingQueue<>(1);
        }

        private void readObject(ObjectInputStream in) throws Exception {
            in.defaultReadObject();
            arrived.set();
            new CountDownLatch(1).await(); // the server never reports; only a kill ends this child
        }
    }

    @Test
    void anInterruptedStartLeavesNoServerProcess() throws Exception {
        try (Event arrived = new Event()) {
            BaseManager m = new BaseManager(new InetSocketAddress("127.0.0.1", 0), "interrupts-test-key".getBytes());
            m.register("q", new HeldInChild(arrived));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flagSet = new AtomicBoolean();
            Thread starter = new Thread(() -> {
                try {
                    m.start();
                } catch (Throwable t) {
                    thrown.set(t);
                    flagSet.set(Thread.currentThread().isInterrupted());
                }
            });
            starter.start();
            assertTrue(arrived.await(Duration.ofSeconds(60)), "the server child never started");
            starter.interrupt(); // while start() waits for the child's report
            starter.join(60_000);
            assertFalse(starter.isAlive(), "start() did not return after the interrupt");
            assertTrue(thrown.get() instanceof UncheckedInterruptedException, "thrown: " + thrown.get());
            assertTrue(flagSet.get(), "the interrupt flag is set again");
        }
    }

    @Test
    void anInterruptedShutdownLeavesNoServerProcess() {
        BaseManager m = serverChildManager();
        m.start();
        String served = m.toString(); // "...serving in pid N)"
        long serverPid = Long.parseLong(served.substring(served.indexOf("pid ") + 4, served.length() - 1));
        Thread.currentThread().interrupt();
        try {
            assertThrows(UncheckedInterruptedException.class, m::shutdown);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag is set again");
        }
        // before the fix the interrupted join threw at once, and the server, forgotten, exited (or not) later
        assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false),
                "the server process is gone when shutdown() throws");
    }

    /** A BaseManager serving one queue from a child process once started. */
    private static BaseManager serverChildManager() {
        BaseManager m = new BaseManager(new InetSocketAddress("127.0.0.1", 0), "interrupts-test-key".getBytes());
        m.register("queue", () -> new ArrayBlockingQueue<String>(1));
        return m;
    }

    @Test
    void tenProcessesWriteToADictAndAListAndTheParentSeesEveryWrite() {
        try (Manager m = new Manager()) {
            Map<String, Integer> d = m.dict();
            List<Long> l = m.list();
            List<Process> ps = IntStream.range(0, 10).mapToObj(i -> new Process((Task) () -> {
                d.put("k" + i, i);
                l.add(ProcessHandle.current().pid());
            })).toList();
            ps.forEach(Process::start);
            ps.forEach(p -> assertTrue(p.join(Duration.ofSeconds(120)), p + " did not finish"));
            for (Process p : ps) assertEquals(0, p.exitCode(), () -> p + " failed: " + p.exception());
            Map<String, Integer> expected = IntStream.range(0, 10).boxed()
                    .collect(Collectors.toMap(i -> "k" + i, i -> i));
            assertEquals(expected, d);
            Set<Long> pids = new HashSet<>(l);
            assertEquals(10, l.size());
            assertEquals(ps.stream().map(Process::pid).collect(Collectors.toSet()), pids);
            assertFalse(pids.contains(ProcessHandle.current().pid()));
            for (Process p : ps) {
                // they halted without shutdown hooks: their connections' segments were unlinked at set-up
                assertEquals(List.of(), Leftovers.shmFilesOf(p.pid()).stream().filter(n -> !n.endsWith(".wake"))
                        .toList(), "segments of " + p);
            }
        }
    }

    @Test
    void computeAndMergeStayExactUnderContentionFromSeveralProcesses() {
        int procs = 4;
        int rounds = 300;
        try (Manager m = new Manager()) {
            ConcurrentMap<String, Integer> d = m.dict();
            List<Process> ps = IntStream.range(0, procs).mapToObj(i -> new Process((Task) () -> {
                for (int r = 0; r < rounds; r++) {
                    d.merge("merged", 1, Integer::sum);
                    d.compute("computed", (k, v) -> v == null ? 1 : v + 1);
                    d.computeIfAbsent("first", k -> (int) ProcessHandle.current().pid());
                }
            })).toList();
            ps.forEach(Process::start);
            ps.forEach(p -> assertTrue(p.join(Duration.ofSeconds(120)), p + " did not finish"));
            for (Process p : ps) assertEquals(0, p.exitCode(), () -> p + " failed: " + p.exception());
            assertEquals(procs * rounds, d.get("merged"));
            assertEquals(procs * rounds, d.get("computed"));
            assertTrue(ps.stream().anyMatch(p -> p.pid() == d.get("first")), "one process won the first put");
        }
    }

    /** A supplier that the server child cannot read back: its process dies before it can report. */
    static final class UnreadableInChild implements ServedSupplier<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object get() {
            return new ArrayBlockingQueue<>(1);
        }

        private void readObject(ObjectInputStream in) {
            throw new IllegalStateException("this supplier refuses to be read in the server child");
        }
    }

    @Test
    void startFailsWithTheChildsReasonWhenTheServerProcessDiesBeforeServing() {
        BaseManager m = new BaseManager(new InetSocketAddress("127.0.0.1", 0), "manager-test-key-abc".getBytes());
        m.register("q", new UnreadableInChild());
        ManagerException e = assertThrows(ManagerException.class, m::start);
        assertTrue(e.getMessage().contains("exited") && e.getMessage().contains("before serving"), e.getMessage());
        assertTrue(String.valueOf(e.getMessage()).contains("refuses to be read"), e.getMessage());
    }
}
