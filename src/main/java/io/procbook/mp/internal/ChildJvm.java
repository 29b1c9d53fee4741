package io.procbook.mp.internal;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.ClassSource;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.OutputRouter;

import java.lang.System.Logger.Level;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The parent's handle on one child JVM: launch (blocking until it has connected), assignment of an entry,
 * the control connection (class requests answered here, data handed to the layer above), output pumping,
 * and the exit status. Thread-safe.
 *
 * <p>A child's life: launched (maybe ahead of need, "warm") -> assigned once -> exits. It is a
 * {@link ChildProcess} for the host from its assignment on; listeners hear of it then and after it is reaped.
 *
 * <p>Exit status: the OS reports 128+n for a process killed by signal n, indistinguishable from
 * {@code System.exit(128+n)}. So the status is read together with what the child said before dying: a
 * {@code SIGNAL n} report or no report at all with status 128+n (SIGKILL cannot be caught) mean "killed by
 * n" and give {@code -n}; a {@code DONE} or {@code EXITING} report means the status is literal.
 */
public final class ChildJvm implements ChildProcess {

    private static final System.Logger LOG = LazyLogger.of(ChildJvm.class);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CONNECT_TIMEOUT_SECONDS = 60;

    private final java.lang.Process process;
    private final Wire wire;
    private final OutputPump out;
    private final OutputPump err;
    private final CompletableFuture<Void> linkClosed = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> reaped = new CompletableFuture<>();
    private volatile Integer doneStatus;
    private final AtomicBoolean assigned = new AtomicBoolean();
    private final AtomicBoolean warmUpAsked = new AtomicBoolean();
    private volatile boolean warm;
    private volatile String name;
    private volatile Kind kind = Kind.PROCESS;
    private volatile int reportedSignal;
    private volatile boolean reportedExit;
    private volatile byte[] failure;
    private volatile Consumer<byte[]> dataHandler = d -> { };
    private final RouteTable routes = new RouteTable(this);
    private volatile java.util.function.BooleanSupplier working;
    /** Holds the shared objects in variables sent on demand; this child opens each copy once, at most. */
    private final Transit classTransit = new Transit(true);

    private ChildJvm(java.lang.Process process, Wire wire, OutputPump out, OutputPump err, String name) {
        this.process = process;
        this.wire = wire;
        this.out = out;
        this.err = err;
        this.name = name;
    }

    /**
     * Starts a child JVM and blocks until it has connected back.
     *
     * @param longLived whether it is launched to run many tasks (a pool worker), which picks its collector
     *                  (see {@code JvmCommand})
     * @throws IOException if the JVM cannot be started or dies before connecting (its output is in the
     *                     message)
     */
    public static ChildJvm launch(boolean longLived) throws IOException {
        return launch(longLived, p -> { });
    }

    /**
     * Starts a child JVM as {@link #launch(boolean)} does, telling {@code spawned} of its process as soon as it
     * exists, so that a caller can stop a launch that is no longer wanted before it connects (destroying the
     * process makes this method throw).
     *
     * @throws IOException if the JVM cannot be started, dies or is destroyed before connecting
     */
    public static ChildJvm launch(boolean longLived, Consumer<java.lang.Process> spawned) throws IOException {
        String token = newToken();
        ConnectBackSocket endpoint = ConnectBackSocket.listen();
        java.lang.Process p;
        try {
            p = new ProcessBuilder(JvmCommand.build(endpoint.address(), longLived))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            endpoint.close();
            throw e;
        }
        writeToken(p, token, endpoint);
        Children.trackHelper(p);
        long pid = p.pid();
        OutputPump out = OutputPump.start(p.getInputStream(), false, "procbook-out-" + pid);
        OutputPump err = OutputPump.start(p.getErrorStream(), true, "procbook-err-" + pid);
        // If the child dies or hangs before connecting, closing the endpoint ends the accept below.
        p.onExit().thenRun(endpoint::close);
        spawned.accept(p);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        connected.orTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS).exceptionally(e -> {
            endpoint.close();
            return null;
        });
        Wire wire;
        try {
            wire = handshake(endpoint, token);
        } catch (IOException e) {
            p.destroyForcibly();
            String output;
            try {
                out.finished().get(5, TimeUnit.SECONDS);
                err.finished().get(5, TimeUnit.SECONDS);
            } catch (Exception partial) {
                // report what we have
                LOG.log(Level.DEBUG, () -> "output of child JVM " + pid + " not drained: " + partial);
            }
            output = (out.earlyText() + err.earlyText()).trim();
            throw new IOException("child JVM (pid " + pid + ") did not start: " + e.getMessage()
                    + (output.isEmpty() ? "" : "; its output:\n" + output), e);
        } finally {
            connected.complete(null); // cancels the timer
            endpoint.close();
        }
        ChildJvm jvm = new ChildJvm(p, wire, out, err, "jvm-" + pid);
        jvm.startReader();
        jvm.linkClosed.thenRun(jvm::exitKnown);
        p.onExit().thenAcceptBoth(jvm.linkClosed, (proc, v) -> jvm.reaped());
        return jvm;
    }

    /**
     * Gives a just-started child (its stdin a pipe) the token that proves it is ours, then ends its stdin, as
     * /dev/null would. The token goes through stdin, never the command line (readable by every local user in
     * /proc), so that a process that connects first to a loopback TCP endpoint cannot pass for the child.
     *
     * @throws IOException if the child went away first; it is then destroyed and {@code endpoint} closed
     */
    static void writeToken(java.lang.Process p, String token, ConnectBackSocket endpoint) throws IOException {
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            p.destroyForcibly();
            endpoint.close();
            throw new IOException("child JVM (pid " + p.pid() + ") went away before it could be given its token", e);
        }
    }

    /** @return a fresh random token a child proves itself with when it connects */
    static String newToken() {
        byte[] t = new byte[16];
        RANDOM.nextBytes(t);
        return HexFormat.of().formatHex(t);
    }

    /**
     * Accepts the child's connection and checks its hello.
     *
     * @throws IOException if the connection fails, or the child does not say hello with {@code token}
     */
    static Wire handshake(ConnectBackSocket endpoint, String token) throws IOException {
        Wire wire = new Wire(endpoint.accept());
        try {
            Wire.Message hello = wire.receive();
            if (hello == null || hello.type() != ControlProtocol.HELLO) throw new IOException("child did not say hello");
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(hello.payload()));
            if (!in.readUTF().equals(token)) throw new IOException("child gave a wrong token");
            return wire;
        } catch (IOException e) {
            wire.close();
            throw e;
        }
    }

    private void startReader() {
        Thread t = new Thread(this::readLoop, "procbook-link-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        try {
            Wire.Message m;
            while ((m = wire.receive()) != null) {
                switch (m.type()) {
                    case ControlProtocol.CLASS_REQUEST -> answerClassRequest(m.payload());
                    case ControlProtocol.OUTPUT -> routes.deliver(m.payload());
                    case ControlProtocol.SYNC -> {
                        routes.flushWritten(); // the output before it has been handed on: say so
                        wire.send(ControlProtocol.SYNCED, m.payload());
                    }
                    case ControlProtocol.DONE -> {
                        routes.end(); // the child's last output came before this
                        DataInputStream in = new DataInputStream(new ByteArrayInputStream(m.payload()));
                        int status = in.readInt();
                        byte[] exc = in.readAllBytes();
                        if (exc.length > 0) failure = exc;
                        reportedExit = true;
                        doneStatus = status;
                        exitKnown(); // DONE is the child's last word: nobody waits for the link to close
                    }
                    case ControlProtocol.EXITING -> reportedExit = true;
                    case ControlProtocol.WARMED -> warm = true;
                    case ControlProtocol.SIGNAL -> reportedSignal = new DataInputStream(
                            new ByteArrayInputStream(m.payload())).readInt();
                    case ControlProtocol.DATA -> {
                        routes.flushWritten(); // what a task printed goes out before anyone sees its result
                        dataHandler.accept(m.payload());
                    }
                    default -> { /* a newer child's message this parent does not know: ignore */ }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a broken link ends like a closed one: the child is dying or dead
            LOG.log(Level.DEBUG, () -> "link to " + name + " (pid " + pid() + ") broke: " + e, e);
        } finally {
            routes.end();
            wire.close();
            linkClosed.complete(null);
        }
    }

    private void answerClassRequest(byte[] payload) throws IOException {
        String cls = new DataInputStream(new ByteArrayInputStream(payload)).readUTF();
        ClassSource src = Hooks.classSource();
        byte[] bytes = src == null ? null : src.bytecode(cls);
        List<StaticValue> vars = bytes == null ? List.of()
                : ParcelWriter.snapshot(src.loadedClass(cls), classTransit);
        wire.send(ControlProtocol.CLASS_REPLY, EnvelopeCodec.encode(new ClassReply(cls, bytes, vars)));
    }

    /**
     * Gives the child its one job. Runs the host's hooks on the calling thread: the output router chooses
     * where the child's output goes, then listeners hear that it started.
     *
     * @param childName the name the child runs under
     * @param childKind what it is
     * @param entry     a parcel whose object is a {@link ChildEntry}
     * @param atExit    what happens to the child when this JVM exits
     * @throws IOException          if the child has died (e.g. a pre-started one was killed)
     * @throws IllegalStateException if it was assigned before
     * @throws RuntimeException      if the host's output router throws; as after an IOException, the child
     *                               JVM has then been killed, so that it does not wait for work that never
     *                               comes
     */
    public void assign(String childName, Kind childKind, Parcel entry, Children.AtExit atExit) throws IOException {
        if (!assigned.compareAndSet(false, true)) throw new IllegalStateException(name + " is already assigned");
        try {
            List<Path> extra = Hooks.extraClasspath();
            List<String> cp = new ArrayList<>(extra.size());
            for (Path e : extra) cp.add(e.toString());
            byte[] run = EnvelopeCodec.encode(new Assignment(childName, cp, entry));
            this.name = childName;
            this.kind = childKind;
            OutputRouter router = Hooks.outputRouter();
            var sink = router == null ? null : router.sinkFor(this);
            out.route(sink);
            err.route(sink);
            routes.openOwn(); // what it prints through System.out/err, apart from what reaches the pipes
            Children.untrackHelper(process);
            Children.register(this, atExit);
            Listeners.started(this);
            wire.send(ControlProtocol.RUN, run);
        } catch (IOException | RuntimeException e) {
            kill();
            throw e;
        }
        if (atExit == Children.AtExit.JOIN) Children.holdJvmForChildren();
    }

    /**
     * Returns the output route for work done for {@code context} (see {@link OutputRoute}); the first time, the
     * host's router picks where that route's text goes, and listeners hear that this child works for it.
     *
     * @param context a context from {@link io.procbook.mp.spi.Hooks#currentContext()}, or {@code null}
     * @return the route number the child is to print that work's output under
     */
    public int routeFor(Object context) {
        return routes.routeFor(context);
    }

    /**
     * Asks a waiting child to warm up (see {@link ControlProtocol#WARM_UP}); only the first call sends anything. A child
     * whose connection has broken is killed, so that whoever takes it finds it dead.
     */
    public void warmUp() {
        if (!warmUpAsked.compareAndSet(false, true)) return;
        try {
            wire.send(ControlProtocol.WARM_UP, new byte[0]);
        } catch (IOException gone) {
            kill();
        }
    }

    /** @return whether {@link #warmUp()} was called */
    public boolean askedToWarmUp() {
        return warmUpAsked.get();
    }

    /** @return whether the child has reported its warm-up finished ({@link ControlProtocol#WARMED}) */
    public boolean isWarm() {
        return warm;
    }

    /** @return whether {@link #assign} was called */
    public boolean isAssigned() {
        return assigned.get();
    }

    /** Sets who receives {@link ControlProtocol#DATA} from the child (runs on the link's reader thread). */
    public void onData(Consumer<byte[]> handler) {
        this.dataHandler = handler;
    }

    /** Sends opaque bytes to the child's {@link ChildContext#receive()}. */
    public void send(byte[] data) throws IOException {
        wire.send(ControlProtocol.DATA, data);
    }

    /** @return the serialized exception the child reported, or {@code null} */
    public byte[] failure() {
        return failure;
    }

    /**
     * If the child said how it ends (DONE with its status, or SIGNAL once the link has closed), that is its
     * exit as far as callers are concerned: the JVM's own teardown after halt can take another 10-300 ms
     * (HotSpot waits for threads in native code and for running compilations), which nobody needs to wait
     * for. Otherwise (System.exit, a crash, SIGKILL) the exit is known only once the OS reports it.
     */
    private void exitKnown() {
        Integer known = reportedSignal > 0 ? Integer.valueOf(-reportedSignal) : doneStatus;
        if (known != null) afterOutput(() -> exit.complete(known));
    }

    private void reaped() {
        int raw = process.exitValue();
        int code;
        if (reportedSignal > 0) code = -reportedSignal;
        else if (!reportedExit && raw > 128 && raw < 128 + 65) code = -(raw - 128);
        else code = raw;
        afterOutput(() -> {
            exit.complete(code);
            classTransit.release();
            Children.unregister(this);
            if (assigned.get()) {
                int logical = exit.join();
                Listeners.exited(this, logical);
            }
            reaped.complete(null);
        });
    }

    /**
     * Runs {@code then} once the child's output has all been delivered, so that whoever waits for the exit
     * and then prints does not print before the child's last lines. Bounded: a grandchild may hold the pipes
     * open.
     */
    private void afterOutput(Runnable then) {
        if (out.finished().isDone() && err.finished().isDone()) { // the usual case: no timer to set
            then.run();
            return;
        }
        CompletableFuture.allOf(out.finished(), err.finished())
                .completeOnTimeout(null, 500, TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> then.run());
    }

    /** @return completed once the OS process has been reaped and listeners told */
    public CompletableFuture<Void> reapedFuture() {
        return reaped.copy();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** @return {@code true} until the child has exited (see {@link #linkEnded}) */
    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    /** Lets the layer above say when this child, alive, is working (a pool worker: while it holds a task). */
    public void workingWhen(java.util.function.BooleanSupplier holdsWork) {
        this.working = holdsWork;
    }

    @Override
    public boolean isWorking() {
        java.util.function.BooleanSupplier w = working;
        return isAlive() && (w == null || w.getAsBoolean());
    }

    @Override
    public void terminate() {
        Signals.terminate(process);
    }

    @Override
    public void kill() {
        Signals.kill(process);
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    /** @return the exit future itself, for internal waiting */
    CompletableFuture<Integer> exitFuture() {
        return exit;
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + "]";
    }
}
