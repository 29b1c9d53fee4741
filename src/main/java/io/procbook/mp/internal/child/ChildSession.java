package io.procbook.mp.internal.child;

import io.procbook.mp.internal.Assignment;
import io.procbook.mp.internal.Parcel;
import io.procbook.mp.internal.ChildContext;
import io.procbook.mp.internal.ClassReply;
import io.procbook.mp.internal.EnvelopeCodec;
import io.procbook.mp.internal.ControlProtocol;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.Wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The child's end of the control connection. The main thread reads the first message, the assignment, itself
 * (a hand-over from a reader thread would cost the start a thread wake-up); from then on one daemon thread
 * reads every message from the parent: class replies (completing the request a loading thread waits on) and
 * data for the entry. When the connection ends the parent is gone, and the child halts at once: children
 * never outlive their parent.
 */
final class ChildSession implements ChildContext {

    private final Wire wire;
    private volatile boolean exiting;
    private final Thread reader;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Map<String, CompletableFuture<ClassReply>> classRequests = new ConcurrentHashMap<>();
    private final BlockingQueue<byte[]> data = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<Void>> syncs = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong syncNumbers = new java.util.concurrent.atomic.AtomicLong();
    private final AddedClasspath added = new AddedClasspath(ChildSession.class.getClassLoader());
    private final NotebookLoader notebook = new NotebookLoader(added, this::askParent);

    /** Starts the reader thread, which waits until {@link #receiveAssignment} has the assignment. */
    ChildSession(Wire wire) {
        this.wire = wire;
        reader = new Thread(this::readLoop, "procbook-parent-link");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Blocks until the parent assigns work, then lets the reader thread take over the connection. If the
     * parent goes away first, halts this JVM. Asked to warm up meanwhile, starts that in the background, and
     * stops it between two steps when the work comes.
     *
     * @param first the parent's first message if it was read already, or {@code null}
     * @throws IOException if the parent's first message is not an assignment
     */
    Assignment receiveAssignment(Wire.Message first) throws IOException {
        Wire.Message m;
        try {
            m = first != null ? first : wire.receive();
            while (m != null && m.type() == ControlProtocol.WARM_UP) {
                WarmUp.start(() -> sendQuietly(ControlProtocol.WARMED, new byte[0]));
                m = wire.receive();
            }
            WarmUp.stop(); // the task comes first
        } catch (IOException e) {
            System.err.println("procbook child: broken link to parent: " + e);
            m = null;
        }
        if (m == null) parentGone();
        if (m.type() != ControlProtocol.RUN) throw new IOException("expected an assignment, got message type " + m.type());
        Assignment a = EnvelopeCodec.decodeAssignment(m.payload());
        assigned.countDown();
        return a;
    }

    /**
     * Closes the connection and waits (briefly) for the reader thread to leave its blocking read. Why: at
     * halt the JVM waits up to 300 ms for threads that are inside native code, and a thread blocked reading a
     * socket is; closing first makes a child's exit take a few ms instead.
     */
    void closeForExit() {
        exiting = true;
        wire.close();
        try {
            reader.join(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        try {
            assigned.await();
        } catch (InterruptedException e) {
            return; // only this class's own thread; nobody interrupts it
        }
        try {
            Wire.Message m;
            while ((m = wire.receive()) != null) {
                switch (m.type()) {
                    case ControlProtocol.CLASS_REPLY -> {
                        ClassReply r = EnvelopeCodec.decodeClassReply(m.payload());
                        CompletableFuture<ClassReply> f = classRequests.remove(r.name());
                        if (f != null) f.complete(r);
                    }
                    case ControlProtocol.DATA -> data.add(m.payload());
                    case ControlProtocol.SYNCED -> {
                        CompletableFuture<Void> f = syncs.remove(java.nio.ByteBuffer.wrap(m.payload()).getLong());
                        if (f != null) f.complete(null);
                    }
                    default -> throw new IOException("unexpected message type " + m.type());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (exiting) return;
            System.err.println("procbook child: broken link to parent: " + e);
        }
        if (exiting) return;
        parentGone();
    }

    /** The parent closed the connection or died: nothing may outlive it. */
    private static void parentGone() {
        io.procbook.mp.internal.ConnectBackSocket.closeAll();
        Runtime.getRuntime().halt(1);
    }

    void apply(Assignment a) {
        added.addAll(a.classpath());
    }

    private ClassReply askParent(String name) {
        CompletableFuture<ClassReply> f = classRequests.computeIfAbsent(name, n -> {
            CompletableFuture<ClassReply> nf = new CompletableFuture<>();
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                new DataOutputStream(b).writeUTF(n);
                wire.send(ControlProtocol.CLASS_REQUEST, b.toByteArray());
            } catch (IOException e) {
                nf.complete(null);
            }
            return nf;
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // class loading cannot be abandoned half-way; finish, then re-flag
                } catch (java.util.concurrent.ExecutionException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    void sendDone(int status, byte[] exception) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(status);
        out.write(exception);
        wire.send(ControlProtocol.DONE, b.toByteArray());
    }

    void sendQuietly(byte type, byte[] payload) {
        RoutedOutput.flushAll(); // e.g. System.exit: what was printed comes before the news
        try {
            wire.send(type, payload);
        } catch (IOException ignored) {
            // the parent is gone; the read loop halts this JVM
        }
    }

    /**
     * Sends what this child printed, then waits until the parent says it has handed it on (see
     * {@code OutputSync}).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void syncOutput() throws InterruptedException {
        long n = syncNumbers.incrementAndGet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        syncs.put(n, done);
        RoutedOutput.flushAll();
        try {
            wire.send(ControlProtocol.SYNC, java.nio.ByteBuffer.allocate(8).putLong(n).array());
            done.get();
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            // the parent is gone: the reader halts this JVM; nothing is left to wait for
        } finally {
            syncs.remove(n);
        }
    }

    @Override
    public Object decode(Parcel parcel) throws IOException, ClassNotFoundException {
        notebook.offer(parcel.classes(), parcel.statics());
        return Serial.fromBytes(parcel.object(), notebook, null);
    }

    @Override
    public ClassLoader loader() {
        return notebook;
    }

    @Override
    public void send(byte[] payload) throws IOException {
        RoutedOutput.flushAll(); // a task's output reaches the parent before its result
        wire.send(ControlProtocol.DATA, payload);
    }

    @Override
    public byte[] receive() throws InterruptedException {
        return data.take();
    }
}
