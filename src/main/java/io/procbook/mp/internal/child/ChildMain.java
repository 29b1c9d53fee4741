package io.procbook.mp.internal.child;

import io.procbook.mp.RemoteTaskException;
import io.procbook.mp.internal.Assignment;
import io.procbook.mp.internal.BeforeHalt;
import io.procbook.mp.internal.ChildEntry;
import io.procbook.mp.internal.Endpoint;
import io.procbook.mp.internal.Msg;
import io.procbook.mp.internal.Platform;
import io.procbook.mp.internal.OutputSync;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.Wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The main class of every child JVM the runtime starts.
 *
 * <p>Arguments: {@code <address> <parent pid> [warm]}, and the connection token as the first line of stdin (not
 * an argument: any local user can read a command line), or {@code --dump-cds} (run the warm-up once and
 * exit normally, so that {@code -XX:ArchiveClassesAtExit} archives the runtime's classes). A warm child runs
 * the warm-up before it connects, so that the parent knows it is ready to run user code in a few
 * milliseconds; a cold one connects at once, on another thread, while its main thread prepares. The system
 * property {@code procbook.rehearsals} (default 3) says how often the warm-up runs the {@link Rehearsal}.
 *
 * <p>How the child ends: after its entry returns (and the non-daemon threads it started have finished, as in
 * Python), it reports {@code DONE} and halts, which skips shutdown hooks as Python's children skip atexit
 * handlers (os._exit). If user code calls System.exit, a shutdown hook reports {@code EXITING} so the
 * parent takes the exit status literally; a SIGTERM/SIGINT/SIGHUP is reported as {@code SIGNAL} so the parent
 * reports it as a negative signal number even though the JVM's status (128+n) looks like an ordinary exit.
 */
public final class ChildMain {

    private static volatile ChildSession session;
    private static final int REHEARSALS = Integer.getInteger("procbook.rehearsals", 3);

    private ChildMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--dump-cds")) {
            warmUp();
            System.exit(0);
        }
        long parentPid = Long.parseLong(args[1]);
        boolean warm = args.length > 2 && args[2].equals("warm");
        // A cold child is on its caller's clock: it connects on another thread (a JVM's first socket costs
        // 7-18 ms of class initialization) while this one installs its streams and signal handlers and
        // initializes what decoding its task will need. It does not rehearse: that costs more CPU than it
        // saves the decoding, and on a busy machine CPU is the clock (measured at load 5-7: 103-164 ms median
        // without, 197-225 ms with). A warm one has the time: it warms up, then connects, so that it is ready
        // when it says hello.
        Connector connector = warm ? null : Connector.start(args[0]);
        ParentLink link = new ParentLink();
        RoutedOutput.install(link);
        ParentWatch.start(parentPid);
        for (String sig : new String[] {"TERM", "INT", "HUP"}) installSignal(sig);
        if (warm) warmUp();
        else prepareToDecode();
        Wire wire = connector != null ? connector.await() : connect(args[0], readToken());
        link.connected(wire);
        ChildSession s = new ChildSession(wire);
        session = s;
        OutputSync.install(s::syncOutput, RoutedOutput::printed);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> s.sendQuietly(Msg.EXITING, new byte[0]),
                "procbook-exit-report"));

        Assignment a = s.receiveAssignment(connector != null ? connector.firstMessage() : null);
        s.apply(a);
        // Libraries that look classes up through the context loader must see notebook and added classes too.
        Thread.currentThread().setContextClassLoader(s.loader());
        int status = 0;
        byte[] failure = new byte[0];
        try {
            ChildEntry entry = (ChildEntry) s.decode(a.entry());
            entry.run(s);
            joinUserThreads();
        } catch (Throwable t) {
            status = 1;
            System.err.println("Process " + a.name() + ":");
            t.printStackTrace();
            failure = exceptionBytes(t);
        }
        // The output goes before DONE; closing stdout/stderr ends the parent's pipe readers now, so the parent
        // can report the exit, with all output delivered, without waiting for the JVM's teardown.
        RoutedOutput.flushAndCloseAll();
        BeforeHalt.run(); // before DONE: the parent may let go of shared memory as soon as it hears DONE
        s.sendDone(status, failure);
        s.closeForExit();
        Endpoint.closeAll(); // a JVM this child was launching for its own children will not connect now
        Runtime.getRuntime().halt(status);
    }

    /**
     * The token the parent wrote to stdin, as the first line. Read byte by byte from file descriptor 0, which
     * stays open (at end of file, as /dev/null was) so that no later file takes its number.
     */
    static String readToken() throws IOException {
        FileInputStream in = new FileInputStream(FileDescriptor.in);
        StringBuilder token = new StringBuilder(32);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0 || token.length() > 256) throw new IOException("no connection token on stdin");
            token.append((char) b);
        }
        return token.toString();
    }

    /** Connects to the parent and says hello with the token it was given. */
    static Wire connect(String address, String token) throws IOException {
        Wire wire = new Wire(Endpoint.connect(address));
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(hello);
        h.writeUTF(token);
        h.writeLong(ProcessHandle.current().pid());
        wire.send(Msg.HELLO, hello.toByteArray());
        return wire;
    }

    private static byte[] exceptionBytes(Throwable t) {
        try {
            return Serial.toBytes(t);
        } catch (RuntimeException notSerializable) {
            return Serial.toBytes(RemoteTaskException.copyOf(t));
        }
    }

    /**
     * Python's children wait for their non-daemon threads before they exit; so do ours. (Enumerated through
     * the root thread group: Thread.getAllStackTraces would also walk every stack, a millisecond here.)
     */
    private static void joinUserThreads() throws InterruptedException {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        while (true) {
            Thread[] all = new Thread[root.activeCount() + 8];
            int n = root.enumerate(all, true);
            Thread waitFor = null;
            for (int i = 0; i < n && waitFor == null; i++) {
                Thread t = all[i];
                if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive()) waitFor = t;
            }
            if (waitFor == null) return;
            waitFor.join();
        }
    }

    /** Where the signal cannot be handled, the JVM's default applies (see {@link Platform#onSignal}). */
    private static void installSignal(String name) {
        Platform.onSignal(name, number -> {
            RoutedOutput.flushAll();
            BeforeHalt.run();
            ChildSession cs = session;
            if (cs != null) cs.sendQuietly(Msg.SIGNAL, intBytes(number));
            Endpoint.closeAll();
            Runtime.getRuntime().halt(128 + number);
        });
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /**
     * What a cold child does while it connects: the static initialization of Java deserialization (the
     * stream class and its filter configuration, 2.5-8 ms in a fresh JVM) and the descriptors of the classes
     * every Process task brings, all of which the decoding of the task would otherwise do after the
     * connection. Only reading: a full rehearsal (which also serializes) took 25-35 ms, longer than the
     * connection, and made a cold start slower.
     */
    static void prepareToDecode() throws IOException, ClassNotFoundException {
        byte[] emptyStream = {(byte) 0xAC, (byte) 0xED, 0, 5}; // ObjectStreamConstants' magic and version
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(emptyStream)).close();
        for (String c : new String[] {"io.procbook.mp.Process$Entry", "io.procbook.mp.internal.LambdaCopy"}) {
            java.io.ObjectStreamClass.lookup(Class.forName(c, false, ChildMain.class.getClassLoader()));
        }
    }

    /**
     * Loads and links what running a task needs (serialization, lambda deserialization, reflection, the
     * {@link Rehearsal} of a first task, reporting an exception), so that a pre-started child runs its first
     * task without paying for it.
     */
    static void warmUp() throws Exception {
        for (String c : new String[] {"io.procbook.mp.Process", "io.procbook.mp.Process$Entry",
                "io.procbook.mp.Task1", "io.procbook.mp.Task2", "io.procbook.mp.Task3",
                "io.procbook.mp.UncheckedInterruptedException", "io.procbook.mp.RemoteTaskException"}) {
            Class.forName(c, true, ChildMain.class.getClassLoader());
        }
        // Serialization descriptors build a constructor accessor class per class; make those of the classes
        // tasks bring now rather than in the first task (a Process subclass, a lambda in the JDK's form).
        prepareToDecode();
        for (String c : new String[] {"io.procbook.mp.Process", "java.lang.invoke.SerializedLambda"}) {
            java.io.ObjectStreamClass.lookup(Class.forName(c, false, ChildMain.class.getClassLoader()));
        }
        io.procbook.mp.Task task = () -> { };
        ((io.procbook.mp.Task) Serial.fromBytes(Serial.toBytes(task), ChildMain.class.getClassLoader(), null)).run();
        Callable<String> probe = (Callable<String> & Serializable) () -> "ok";
        byte[] bytes = io.procbook.mp.internal.Codec.encode(new Assignment("warm-up", java.util.List.of(),
                new io.procbook.mp.internal.Bundle(Serial.toBytes(probe), java.util.Map.of(), java.util.Map.of())));
        Assignment back = io.procbook.mp.internal.Codec.decodeAssignment(bytes);
        @SuppressWarnings("unchecked")
        Callable<String> p = (Callable<String>) Serial.fromBytes(back.entry().object(),
                ChildMain.class.getClassLoader(), null);
        if (!"ok".equals(p.call())) throw new IllegalStateException("warm-up");
        Serial.toBytes(new IOException("warm-up"));
        // Repeated: the first time links the path, the next ones run it often enough for the JIT to compile
        // its hottest parts (the class-file writer that spins a lambda's class).
        for (int i = 0; i < REHEARSALS; i++) Rehearsal.run();
        BeforeHalt.run(); // nothing registered yet: this only loads the class, as the real exit will need it
        // What printing costs a task, and how a child ends: its System.out flushed as a message to the parent.
        java.io.PrintStream printing = new java.io.PrintStream(new RoutedOutput(false, (type, payload) -> { }),
                false, java.nio.charset.StandardCharsets.UTF_8);
        printing.println("warm-up");
        printing.flush();
        // The JDK's Unix-domain socket support seeds a SecureRandom when first used (the security providers:
        // tens of ms on a cold JVM); for the CDS dump this puts those classes into the archive.
        if (Platform.unixSockets()) java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
        String.format("%s %d", "warm", 1);
    }
}
