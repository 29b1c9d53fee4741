package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagerException;
import io.procbook.mp.RemoteTaskException;
import io.procbook.mp.internal.ContextObjectInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;

/**
 * ManagerProtocol over an authenticated {@link Link}: one request, one reply. The hot messages (method calls and their
 * replies) are written field by field, their method signature and caller as {@link NameTable} indices, and
 * values of the common immutable types (String, boxed numbers, Boolean) as tagged primitives, so a call creates
 * only Strings and boxes on the other side. Any other value is a Java serialization stream of its own, sent
 * after its length: the reader refuses a length beyond {@link MessageLimits#MAX_BYTES} before reading any of
 * it, reads the bytes, and only then deserializes them through a fresh stream filtered by the connection's
 * {@link AllowList} and the message's {@link MessageLimits}, so no message can make it allocate more than its
 * bounds or keep references across messages. A message is built in memory and written in one piece: one that
 * cannot be serialized leaves nothing half-written on the link. Used by one thread at a time.
 */
final class ObjectChannel implements AutoCloseable {

    /** Which end of the connection this is: a server reads proxies as inert references. */
    enum Side { CLIENT, SERVER }

    private static final byte INVOKE = 'I';
    private static final byte VALUE = 'V';
    private static final byte ERROR = 'E';
    private static final byte OBJECT = 'O';
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte SERIALIZED = 9;
    private static final int SHORT_STRING = 16_000; // writeUTF takes at most 65535 bytes: 4 per char is safe

    private final Link link;
    private final DataInputStream in;
    private final OutputStream linkOut;
    /** Where a message is built; replaced after a large one, so that its memory goes. */
    private ByteArrayOutputStream buffer;
    private DataOutputStream out;
    private final AllowList allowed;
    private final Side side;
    private final NameTable names = new NameTable();

    ObjectChannel(Link link, AllowList allowed, Side side) {
        this.link = link;
        this.allowed = allowed;
        this.side = side;
        this.in = new DataInputStream(new BufferedInputStream(link.in(), 1 << 14));
        this.linkOut = link.out();
        freshBuffer();
    }

    private void freshBuffer() {
        buffer = new ByteArrayOutputStream(256);
        out = new DataOutputStream(buffer);
    }

    /**
     * Sends one message. A reply whose value (or exception) cannot be serialized, or is too large, is sent as
     * a {@link ManagerException} saying so.
     *
     * @throws IOException if the link fails, or if a request's argument cannot be serialized (then nothing
     *                     was sent)
     */
    void send(Object message) throws IOException {
        buffer.reset(); // what a failed send left
        if (message instanceof ManagerProtocol.Invoke call) {
            Object[] args = call.args() == null ? new Object[0] : call.args();
            byte[][] serialized = new byte[args.length][];
            for (int i = 0; i < args.length; i++) {
                if (!scalar(args[i])) serialized[i] = serialize(args[i]); // before the name table changes
            }
            out.writeByte(INVOKE);
            out.writeLong(call.id());
            names.write(out, call.signature());
            names.write(out, call.caller());
            out.writeInt(call.route());
            out.writeInt(args.length);
            for (int i = 0; i < args.length; i++) writeValue(args[i], serialized[i]);
        } else if (message instanceof ManagerProtocol.Reply reply) {
            writeReply(reply);
        } else {
            out.writeByte(OBJECT);
            writeSerialized(serialize(message));
        }
        buffer.writeTo(linkOut);
        linkOut.flush();
        if (buffer.size() > 1 << 16) freshBuffer(); // reset() would keep a large message's array
    }

    private void writeReply(ManagerProtocol.Reply reply) throws IOException {
        if (reply.error() == null) {
            byte[] value;
            try {
                value = scalar(reply.value()) ? null : serialize(reply.value());
            } catch (IOException | ManagerException e) {
                writeReply(new ManagerProtocol.Reply(null, new ManagerException("the manager could not send the result: "
                        + e.getMessage(), e)));
                return;
            }
            out.writeByte(VALUE);
            writeValue(reply.value(), value);
            return;
        }
        byte[] error;
        try {
            error = serialize(reply.error());
        } catch (IOException | ManagerException e) {
            error = serialize(RemoteTaskException.copyOf(reply.error()));
        }
        out.writeByte(ERROR);
        writeSerialized(error);
    }

    private static boolean scalar(Object v) {
        return v == null || v instanceof String s && s.length() < SHORT_STRING || v instanceof Integer
                || v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    private void writeValue(Object v, byte[] serialized) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (serialized != null) {
            out.writeByte(SERIALIZED);
            writeSerialized(serialized);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            out.writeUTF(s);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else {
            out.writeByte(BOOLEAN);
            out.writeBoolean((Boolean) v);
        }
    }

    private void writeSerialized(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * A value as a serialization stream of its own. Not a {@link io.procbook.mp.internal.PrivateChannel}: a
     * manager connection may lead to another host, so secrets stay out of it.
     *
     * @throws java.io.NotSerializableException if part of it is not Serializable
     * @throws ManagerException                  if it is longer than a message may be
     */
    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        try (ObjectOutputStream s = new ObjectOutputStream(b)) {
            s.writeObject(o);
        }
        if (b.size() > MessageLimits.MAX_BYTES) {
            throw new ManagerException("a " + o.getClass().getName() + " of " + b.size() + " bytes serialized is"
                    + " larger than a manager message may be (" + MessageLimits.MAX_BYTES + " bytes; see the"
                    + " system property procbook.manager.maxMessageBytes)");
        }
        return b.toByteArray();
    }

    private Object readValue() throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case STRING: return in.readUTF();
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case DOUBLE: return in.readDouble();
            case BOOLEAN: return in.readBoolean();
            case SERIALIZED: return readObject();
            default: throw new StreamCorruptedException("unknown value tag " + tag);
        }
    }

    /**
     * @throws ManagerException if the peer sent a class the allow-list refuses or a value beyond the message
     *                          limits (the stream is then unusable)
     */
    Object receive() throws IOException, ClassNotFoundException {
        byte kind = in.readByte();
        switch (kind) {
            case INVOKE: {
                long id = in.readLong();
                String signature = names.read(in);
                String caller = names.read(in);
                int route = in.readInt();
                int n = in.readInt();
                if (n < 0 || n > 255) throw new StreamCorruptedException("bad argument count " + n);
                Object[] args = new Object[n];
                for (int i = 0; i < n; i++) args[i] = readValue();
                return new ManagerProtocol.Invoke(id, signature, args, caller, route);
            }
            case VALUE: return new ManagerProtocol.Reply(readValue(), null);
            case ERROR: return new ManagerProtocol.Reply(null, (Throwable) readObject());
            case OBJECT: return readObject();
            default: throw new StreamCorruptedException("unknown message kind " + kind);
        }
    }

    private Object readObject() throws IOException, ClassNotFoundException {
        int length = in.readInt();
        if (length <= 0 || length > MessageLimits.MAX_BYTES) {
            throw new ManagerException("refused a value of " + length + " bytes: a manager message is at most "
                    + MessageLimits.MAX_BYTES + " bytes (see the system property procbook.manager.maxMessageBytes)");
        }
        byte[] bytes = in.readNBytes(length); // grows with what arrives, not with what was announced
        if (bytes.length < length) throw new EOFException("the peer ended in the middle of a message");
        MessageLimits limits = new MessageLimits(allowed, length);
        try (ObjectInputStream s = new Input(new ByteArrayInputStream(bytes), limits, side == Side.SERVER)) {
            return s.readObject();
        } catch (InvalidClassException e) {
            if (String.valueOf(e.getMessage()).contains("REJECTED")) {
                throw new ManagerException("refused to deserialize " + limits.rejected() + ": it is not on the"
                        + " manager's allow-list (JDK value and collection types, procbook types, and classes given"
                        + " to BaseManager.allow) or it exceeds a message's limits", e);
            }
            throw e;
        } catch (InvalidObjectException e) {
            throw new ManagerException("refused to deserialize a value: " + e.getMessage(), e);
        } catch (ManagerException e) {
            throw e;
        } catch (RuntimeException e) { // a JDK class's readObject finding its data inconsistent
            throw new ManagerException("refused to deserialize a value: " + e, e);
        }
    }

    /** Whether {@code in} is a manager server's stream (a proxy read from it is held, never called). */
    static boolean readByServer(ObjectInputStream in) {
        return in instanceof Input i && i.server;
    }

    /** What carries the bytes (for messages and tests). */
    Link link() {
        return link;
    }

    @Override
    public void close() {
        link.close();
    }

    private static final class Input extends ContextObjectInputStream {
        private final boolean server;

        Input(InputStream in, ObjectInputFilter filter, boolean server) throws IOException {
            super(in);
            this.server = server;
            setObjectInputFilter(filter);
        }
    }
}
