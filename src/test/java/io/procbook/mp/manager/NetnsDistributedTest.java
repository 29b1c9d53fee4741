package io.procbook.mp.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's master and worker on two "hosts": two Linux network namespaces joined by a veth pair, with
 * 10.x addresses that exist only inside them (the traffic never leaves this machine). Set up and torn down
 * here; skipped, with the reason, only where namespaces cannot be created (not root, no {@code ip}).
 */
class NetnsDistributedTest {

    private final long tag = ProcessHandle.current().pid() % 10_000;
    private final String nsA = "pbmgr_a_" + tag;
    private final String nsB = "pbmgr_b_" + tag;
    private final String vethA = "pbma" + tag;
    private final String vethB = "pbmb" + tag;
    private final int subnet = (int) (ProcessHandle.current().pid() % 250) + 1;
    private final String addrA = "10.231." + subnet + ".1";
    private final String addrB = "10.231." + subnet + ".2";

    @BeforeEach
    void createNamespaces() throws Exception {
        String failure = run("ip", "netns", "add", nsA);
        Assumptions.assumeTrue(failure == null, () -> "cannot create network namespaces here: " + failure);
        for (List<String> cmd : List.of(
                List.of("ip", "netns", "add", nsB),
                List.of("ip", "link", "add", vethA, "type", "veth", "peer", "name", vethB),
                List.of("ip", "link", "set", vethA, "netns", nsA),
                List.of("ip", "link", "set", vethB, "netns", nsB),
                List.of("ip", "-n", nsA, "addr", "add", addrA + "/24", "dev", vethA),
                List.of("ip", "-n", nsB, "addr", "add", addrB + "/24", "dev", vethB),
                List.of("ip", "-n", nsA, "link", "set", "lo", "up"),
                List.of("ip", "-n", nsB, "link", "set", "lo", "up"),
                List.of("ip", "-n", nsA, "link", "set", vethA, "up"),
                List.of("ip", "-n", nsB, "link", "set", vethB, "up"))) {
            String error = run(cmd.toArray(String[]::new));
            assertEquals(null, error, "setting up the namespaces: " + cmd);
        }
    }

    @AfterEach
    void deleteNamespaces() throws Exception {
        run("ip", "netns", "del", nsB); // deleting a namespace deletes its end of the veth pair, hence both
        run("ip", "netns", "del", nsA);
        assertTrue(run("ip", "netns", "pids", nsA) != null, "namespace " + nsA + " still exists");
        Leftovers.assertNoChildren();
    }

    @Test
    void masterAndWorkerOnTwoNetworkNamespaces() throws Exception {
        try (Jvms jvms = new Jvms()) {
            List<String> master = new ArrayList<>();
            Process m = jvms.start(List.of("ip", "netns", "exec", nsA), TaskMaster.class, addrA, "0", "manager-test-key-abc");
            String port = jvms.awaitLine(m, "READY ", master).substring(6);
            jvms.awaitLine(m, "TASKS PUT", master);
            List<String> wrong = new ArrayList<>();
            Process intruder = jvms.start(List.of("ip", "netns", "exec", nsB), TaskWorker.class, addrA, port, "manager-test-key-abd");
            jvms.awaitLine(intruder, "Exception in thread", wrong);
            assertTrue(wrong.get(wrong.size() - 1).contains("AuthenticationException"), String.join("\n", wrong));
            assertTrue(intruder.waitFor(60, TimeUnit.SECONDS));
            List<String> worker = new ArrayList<>();
            // the kernel and /dev/shm are shared, so only the opt-out makes this worker talk TCP as a remote
            // host's would (a real one gets no offer: its boot id differs, and it has no such file)
            Process w = jvms.start(List.of("ip", "netns", "exec", nsB), List.of("-Dprocbook.manager.local=false"),
                    TaskWorker.class, addrA, port, "manager-test-key-abc");
            assertEquals("transport TCP", jvms.awaitLine(w, "transport ", worker));
            jvms.awaitLine(w, "worker exit", worker);
            jvms.awaitLine(m, "master exit", master);
            assertTrue(m.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, m.exitValue(), String.join("\n", master));
            assertEquals(10, master.stream().filter(l -> l.startsWith("Result: ")).count());
            assertEquals(10, worker.stream().filter(l -> l.startsWith("run task ")).count());

        }
    }

    /** Runs a command; null on success, else its output and exit status. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out: " + String.join(" ", cmd);
        }
        return p.exitValue() == 0 ? null : String.join(" ", cmd) + " -> " + p.exitValue() + ": " + out;
    }
}
