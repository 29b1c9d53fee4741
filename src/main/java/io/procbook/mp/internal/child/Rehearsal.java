package io.procbook.mp.internal.child;

import io.procbook.mp.Process;
import io.procbook.mp.Task;
import io.procbook.mp.Task1;
import io.procbook.mp.Task2;
import io.procbook.mp.Task3;
import io.procbook.mp.internal.Assignment;
import io.procbook.mp.internal.Parcel;
import io.procbook.mp.internal.EnvelopeCodec;
import io.procbook.mp.internal.ControlProtocol;
import io.procbook.mp.internal.PrivateAccess;
import io.procbook.mp.internal.lambda.LambdaCopy;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.StaticValue;
import io.procbook.mp.internal.Wire;
import io.procbook.mp.internal.lambda.LambdaCopy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.List;
import java.util.Map;

/**
 * Receives, decodes and runs throwaway tasks the way a child's real task is received, decoded and run, so that
 * a pre-started (warm) JVM has loaded every class, linked every call site and built every serialization
 * descriptor that path needs before the real task arrives, and so that the class data sharing archive (made by
 * a JVM running this) holds those classes for a cold child. Each of those costs 0.1-1 ms the first time in a
 * JVM (a lambda call site, an enum's constant directory, a class defined from bytes, a method handle's
 * invoker); together they were most of a warm start.
 *
 * <p>What it rehearses: an assignment read by a {@link Wire} (from memory) and decoded; a notebook loader
 * over the same loader chain as a child's is offered the class's bytes and a copied variable, defines the
 * class and sets the variable; the entry of a {@code Process} (the main-process object: making a new one
 * would use up a child-process number) and lambdas of each task interface from that class go through Java serialization as
 * they do in a parcel, and come back through that loader; the lambdas run. Nothing of it stays reachable.
 */
final class Rehearsal {

    private static final String TASK = RehearsalTask.class.getName();
    private Rehearsal() { }

    /**
     * @param main the main-process object, taken before any task could have replaced it as
     *             {@code Process.current()}: the rehearsal may run beside the real task
     */
    static void run(Process main) throws Exception {
        byte[] code;
        try (InputStream in = Rehearsal.class.getResourceAsStream("RehearsalTask.class")) {
            if (in == null) throw new IOException("RehearsalTask.class is missing from the class path");
            code = in.readAllBytes();
        }
        Map<String, List<StaticValue>> statics =
                Map.of(TASK, List.of(new StaticValue("value", "Integer", Serial.toBytes(42), null)));

        // The parent's side: its own definition of the class makes the lambdas to send.
        NotebookLoader sender = new NotebookLoader(Rehearsal.class.getClassLoader(), name -> null);
        sender.offer(Map.of(TASK, code), statics);
        Object[] lambdas = (Object[]) Class.forName(TASK, true, sender).getMethod("tasks").invoke(null);
        Object[] sent = new Object[lambdas.length + 1];
        // Process's private envelope, so that its reading is rehearsed too (from JDK 18 on, a constructor called
        // through a method handle, spun at first use)
        sent[0] = PrivateAccess.newProcessEntry(Process.class, main);
        for (int i = 0; i < lambdas.length; i++) sent[i + 1] = LambdaCopy.of(lambdas[i]);
        Parcel parcel = new Parcel(Serial.toBytes(sent), Map.of(TASK, code), statics);
        byte[] payload = EnvelopeCodec.encode(new Assignment("rehearsal", List.of(), parcel));
        ByteBuffer message = ByteBuffer.allocate(5 + payload.length).putInt(payload.length + 1).put(ControlProtocol.RUN)
                .put(payload).flip();

        // The child's side, as ChildSession does it.
        Wire.Message m = new Wire(new MemoryChannel(message)).receive();
        Assignment a = EnvelopeCodec.decodeAssignment(m.payload());
        AddedClasspath added = new AddedClasspath(Rehearsal.class.getClassLoader());
        added.addAll(a.classpath());
        NotebookLoader loader = new NotebookLoader(added, name -> null);
        loader.offer(a.entry().classes(), a.entry().statics());
        Object[] back = (Object[]) Serial.fromBytes(a.entry().object(), loader, null);
        ((Task) back[1]).run();
        @SuppressWarnings("unchecked") Task1<String> t1 = (Task1<String>) back[2];
        t1.run("a");
        @SuppressWarnings("unchecked") Task2<String, Integer> t2 = (Task2<String, Integer>) back[3];
        t2.run("a", 1);
        @SuppressWarnings("unchecked") Task3<String, Integer, Long> t3 = (Task3<String, Integer, Long>) back[4];
        t3.run("a", 1, 1L);
    }

    /** A channel that reads from one buffer. */
    private static final class MemoryChannel implements ByteChannel {
        private final ByteBuffer data;

        MemoryChannel(ByteBuffer data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!data.hasRemaining()) return -1;
            int n = Math.min(dst.remaining(), data.remaining());
            ByteBuffer slice = data.slice();
            slice.limit(n);
            dst.put(slice);
            data.position(data.position() + n);
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException("the rehearsal only reads");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() { }
    }
}
