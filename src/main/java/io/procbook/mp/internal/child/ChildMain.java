package io.procbook.mp.internal.child;

import io.procbook.mp.RemoteTaskException;
import io.procbook.mp.internal.Assignment;
import io.procbook.mp.internal.BeforeHalt;
import io.procbook.mp.internal.ChildEntry;
import io.procbook.mp.internal.ConnectBackSocket;
import io.procbook.mp.internal.ControlProtocol;
import io.procbook.mp.internal.Platform;
import io.procbook.mp.internal.OutputSync;
import io.procbook.mp.internal.Platform;
import io.procbook.mp.internal.PrivateAccess;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.Wire;
import io.procbook.mp.internal.lambda.LambdaCopy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;

/**
 * The main class of every child JVM the runtime starts.
 *
 * <p>Arguments: {@code <address> <parent pid>}, and the connection token as the first line of stdin (not an
 * argument: any local user can read a command line). Every child connects at once, on another thread, while
 * its main thread prepares; a pre-started one may then be told to warm up while it waits ({@link WarmUp}).
 *
 * <p>How the child ends: after its entry returns (and the non-daemon threads it started have finished, as in
 * Python), it reports {@code DONE} and halts, which skips shutdown hooks as Python's children skip atexit
 * handlers (os._exit). If user code calls System.exit, a shutdown hook reports {@code EXITING} so the
 * parent takes the exit status literally; a SIGTERM/SIGINT/SIGHUP is reported as {@code SIGNAL} so the parent
 * reports it as a negative signal number even though the JVM's status (128+n) looks like an ordinary exit.
 */
public final class ChildMain {

    private static volatile ChildSession session;

    private ChildMain() { }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[1]);
        // A child connects on another thread (a JVM's first socket costs 7-18 ms of class initialization)
        // while this one installs its streams and signal handlers and initializes what decoding its task will
        // need. It does not rehearse before it says hello: a cold child is on its caller's clock, and the
        // rehearsal costs more CPU than it saves the decoding (measured at load 5-7: 103-164 ms median
        // without, 197-225 ms with); a pre-started one may be needed at once when starts come fast, and is
        // told to warm up when they do not.
        Connector connector = Connector.start(args[0]);
        ParentLink link = new ParentLink();
        RoutedOutput.install(link);
        OrphanWatch.start(parentPid);
        for (String sig : new String[] {"TERM", "INT", "HUP"}) installSignal(sig);
        prepareToDecode();
        Wire wire = connector.await();
        link.connected(wire);
        ChildSession s = new ChildSession(wire);
        session = s;
        OutputSync.install(s::syncOutput, RoutedOutput::printed);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> s.sendQuietly(ControlProtocol.EXITING, new byte[0]),
                "procbook-exit-report"));

        Assignment a = s.receiveAssignment(connector.firstMessage());
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
        ConnectBackSocket.closeAll(); // a JVM this child was launching for its own children will not connect now
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
        Wire wire = new Wire(ConnectBackSocket.connect(address));
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(hello);
        h.writeUTF(token);
        h.writeLong(ProcessHandle.current().pid());
        wire.send(ControlProtocol.HELLO, hello.toByteArray());
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
            if (cs != null) cs.sendQuietly(ControlProtocol.SIGNAL, intBytes(number));
            ConnectBackSocket.closeAll();
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
        java.io.ObjectStreamClass.lookup(PrivateAccess.processEntryClass(io.procbook.mp.Process.class));
        java.io.ObjectStreamClass.lookup(LambdaCopy.class);
    }
}
