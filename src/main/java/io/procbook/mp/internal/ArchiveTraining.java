package io.procbook.mp.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The training run of the class data sharing archive ({@link CdsArchive}): a child JVM launched with the flags
 * that make the archive, and taken through the path every child takes, so that the archive holds what that
 * path loads (and, from JDK 25 on, the call sites it links and the profiles it gathers): it connects back,
 * installs its streams, signal handlers and parent watch, is asked to warm up and does, then decodes and runs
 * an assignment that prints. A child that then finds all it needs in the archive never opens the class path's
 * jars, whose reading is a large part of a JVM's start (a few ms on JDK 17, 20 ms on JDK 25 for the kernel's
 * jar).
 *
 * <p>The task ends the JVM with {@code System.exit}, the usual way out, which writes the archive: a child's
 * usual halt closes its standard streams first, and JDK 25 writes its cache from a process it starts then.
 */
final class ArchiveTraining {

    /** How long a training run may take at most, its archive written; a busy machine needs a few seconds. */
    static final long TIMEOUT_SECONDS = 60;

    private ArchiveTraining() { }

    /**
     * Runs a training child to its end.
     *
     * @param classpath      the class path the archive is for
     * @param classDataFlags the flags that make the archive
     * @return whether the child went through the whole path and exited with status 0
     * @throws IOException          if the child could not be started
     * @throws InterruptedException if interrupted while waiting for the child
     */
    static boolean run(String classpath, List<String> classDataFlags) throws IOException, InterruptedException {
        String token = ChildJvm.newToken();
        ConnectBackSocket endpoint = ConnectBackSocket.listen();
        java.lang.Process p;
        try {
            p = new ProcessBuilder(JvmCommand.build(classpath, endpoint.address(), false, classDataFlags, List.of()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            endpoint.close();
            throw e;
        }
        ChildJvm.writeToken(p, token, endpoint);
        Children.trackHelper(p);
        p.onExit().thenRun(endpoint::close); // a child that dies before connecting ends the accept
        // A child that hangs is killed, which ends every wait below.
        CompletableFuture<Void> finished = new CompletableFuture<>();
        finished.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).exceptionally(e -> {
            p.destroyForcibly();
            return null;
        });
        try (Wire wire = ChildJvm.handshake(endpoint, token)) {
            endpoint.close();
            wire.send(ControlProtocol.WARM_UP, new byte[0]);
            if (!receiveUntil(wire, ControlProtocol.WARMED)) return false;
            Parcel task = new Parcel(Serial.toBytes(new TrainingTask()), Map.of(), Map.of());
            wire.send(ControlProtocol.RUN, EnvelopeCodec.encode(new Assignment("procbook-archive-training", List.of(), task)));
            try {
                receiveUntil(wire, (byte) -1); // until the child has gone
            } catch (IOException reset) {
                // it has gone: how it went, its exit status says
            }
            return p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } finally {
            finished.complete(null);
            endpoint.close();
            p.destroyForcibly(); // gone already, unless something failed
        }
    }

    /** Reads messages (and drops them) until one of {@code type}; {@code false} if the connection ends first. */
    private static boolean receiveUntil(Wire wire, byte type) throws IOException {
        Wire.Message m;
        while ((m = wire.receive()) != null) {
            if (m.type() == type) return true;
        }
        return false;
    }

    /** The training run's assignment: prints, as a task does, and ends the JVM the way that writes the archive. */
    static final class TrainingTask implements ChildEntry {
        private static final long serialVersionUID = 1L;

        @Override
        public void run(ChildContext context) {
            System.out.println("trained");
            System.out.flush();
            System.exit(0);
        }
    }
}
