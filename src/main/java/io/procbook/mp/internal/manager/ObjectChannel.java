package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagerException;
import io.procbook.mp.internal.ContextObjectInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;

/**
 * Messages over an authenticated {@link Link}. One long-lived object stream pair per connection. The hot
 * messages (method calls and their replies) are written field by field, their method signature and caller as
 * {@link NameTable} indices, and values of the common immutable types (String, boxed numbers, Boolean) as
 * tagged primitives: a Java-serialized object costs its class descriptors on every message (the stream must be
 * reset after each, or a mutated object would later be sent as a back-reference to its old state), and reading
 * descriptors dominated a call's cost. Anything else goes through {@code writeObject}, then the stream is
 * reset. Every object read goes through the connection's {@link AllowList}; the primitive paths create only
 * Strings and boxes.
 */
final class ObjectChannel implements AutoCloseable {

    private final Link link;
    private final ObjectOutputStream out;
    private final ObjectInputStream in;
    private final AllowList filter;

    /** Exchanges the object stream headers; on failure the link is closed. */
    ObjectChannel(Link link, AllowList filter) throws IOException {
        this.link = link;
        this.filter = filter;
        try {
            this.out = new ObjectOutputStream(new BufferedOutputStream(link.out(), 1 << 14));
            out.flush();
            this.in = new FilteredInput(new BufferedInputStream(link.in(), 1 << 14), filter);
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

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

    private boolean dirty;
    private final NameTable names = new NameTable();

    void send(Object message) throws IOException {
        if (message instanceof Messages.Invoke call) {
            out.writeByte(INVOKE);
            out.writeLong(call.id());
            names.write(out, call.signature());
            names.write(out, call.caller());
            Object[] args = call.args() == null ? new Object[0] : call.args();
            out.writeInt(args.length);
            for (Object a : args) writeValue(a);
        } else if (message instanceof Messages.Reply reply && reply.error() == null) {
            out.writeByte(VALUE);
            writeValue(reply.value());
        } else if (message instanceof Messages.Reply reply) {
            out.writeByte(ERROR);
            writeObject(reply.error());
        } else {
            out.writeByte(OBJECT);
            writeObject(message);
        }
        if (dirty) {
            out.reset();
            dirty = false;
        }
        out.flush();
    }

    private void writeValue(Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s && s.length() < SHORT_STRING) {
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
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else {
            out.writeByte(SERIALIZED);
            writeObject(v);
        }
    }

    private void writeObject(Object o) throws IOException {
        dirty = true;
        out.writeObject(o);
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
     * @throws ManagerException if the peer sent a class the allow-list refuses (the stream is then unusable)
     */
    Object receive() throws IOException, ClassNotFoundException {
        byte kind = in.readByte();
        switch (kind) {
            case INVOKE: {
                long id = in.readLong();
                String signature = names.read(in);
                String caller = names.read(in);
                int n = in.readInt();
                if (n < 0 || n > 255) throw new StreamCorruptedException("bad argument count " + n);
                Object[] args = new Object[n];
                for (int i = 0; i < n; i++) args[i] = readValue();
                return new Messages.Invoke(id, signature, args, caller);
            }
            case VALUE: return new Messages.Reply(readValue(), null);
            case ERROR: return new Messages.Reply(null, (Throwable) readObject());
            case OBJECT: return readObject();
            default: throw new StreamCorruptedException("unknown message kind " + kind);
        }
    }

    private Object readObject() throws IOException, ClassNotFoundException {
        try {
            return in.readObject();
        } catch (InvalidClassException e) {
            if (String.valueOf(e.getMessage()).contains("REJECTED")) {
                throw new ManagerException("refused to deserialize " + filter.lastRejected() + ": it is not on the"
                        + " manager's allow-list (JDK value and collection types, procbook types, and classes given"
                        + " to BaseManager.allow)", e);
            }
            throw e;
        }
    }

    /** What carries the bytes (for messages and tests). */
    Link link() {
        return link;
    }

    @Override
    public void close() {
        link.close();
    }

    private static final class FilteredInput extends ContextObjectInputStream {
        FilteredInput(InputStream in, AllowList filter) throws IOException {
            super(in);
            setObjectInputFilter(filter);
        }
    }
}
