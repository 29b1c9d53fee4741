package io.procbook.mp.internal.shm;

import io.procbook.mp.internal.PrivateObjectInputStream;
import io.procbook.mp.internal.PrivateObjectOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns messages into bytes and back. Small scalars, strings and byte arrays have their own tags (no Java
 * serialization: a queue of ints stays at memory speed); anything else goes through Java serialization, and
 * must therefore be {@link java.io.Serializable}.
 */
public final class MessageCodec {

    static final byte NULL = 0;
    static final byte INT = 1;
    static final byte LONG = 2;
    static final byte DOUBLE = 3;
    static final byte BOOLEAN = 4;
    static final byte STRING = 5;
    static final byte BYTES = 6;
    static final byte JAVA = 7;

    private MessageCodec() {
    }

    /** A message ready to be copied into a slot: a tag and either a scalar or a byte payload. */
    static final class Encoded {
        final byte tag;
        final long scalar;
        final byte[] bytes;

        Encoded(byte tag, long scalar, byte[] bytes) {
            this.tag = tag;
            this.scalar = scalar;
            this.bytes = bytes;
        }
    }

    static Encoded encode(Object o) {
        if (o == null) {
            return new Encoded(NULL, 0, null);
        }
        if (o instanceof Integer) {
            return new Encoded(INT, (Integer) o, null);
        }
        if (o instanceof Long) {
            return new Encoded(LONG, (Long) o, null);
        }
        if (o instanceof Double) {
            return new Encoded(DOUBLE, Double.doubleToRawLongBits((Double) o), null);
        }
        if (o instanceof Boolean) {
            return new Encoded(BOOLEAN, (Boolean) o ? 1 : 0, null);
        }
        if (o instanceof String) {
            return new Encoded(STRING, 0, ((String) o).getBytes(StandardCharsets.UTF_8));
        }
        if (o instanceof byte[]) {
            return new Encoded(BYTES, 0, ((byte[]) o).clone());
        }
        return new Encoded(JAVA, 0, serialize(o));
    }

    /** Raw bytes, tagged so that {@code recv} returns a {@code byte[]} and {@code recvBytes} accepts them. */
    static Encoded encodeBytes(byte[] b, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        return new Encoded(BYTES, 0, copy);
    }

    static Object decodeScalar(byte tag, long v) {
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return (int) v;
            case LONG:
                return v;
            case DOUBLE:
                return Double.longBitsToDouble(v);
            case BOOLEAN:
                return v != 0;
            default:
                throw new IllegalStateException("corrupt message tag " + tag);
        }
    }

    static Object decodeBytes(byte tag, byte[] b) {
        switch (tag) {
            case STRING:
                return new String(b, StandardCharsets.UTF_8);
            case BYTES:
                return b;
            case JAVA:
                return deserialize(b);
            default:
                throw new IllegalStateException("corrupt message tag " + tag);
        }
    }

    static boolean isScalar(byte tag) {
        return tag <= BOOLEAN;
    }

    /** Java serialization of a message, with a clear error naming the class that cannot be sent. */
    public static byte[] serialize(Object o) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new PrivateObjectOutputStream(bos)) {
            out.writeObject(o);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot send a " + o.getClass().getName() + " to another process: "
                    + e.getMessage() + " is not Serializable", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a " + o.getClass().getName(), e);
        }
        return bos.toByteArray();
    }

    /**
     * Reverses {@link #serialize}. Classes resolve through the thread's context class loader first, so classes
     * a host loads at run time (notebook cells) are found.
     */
    public static Object deserialize(byte[] b) {
        try (ObjectInputStream in = new PrivateObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("received an object of a class this process cannot load: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deserialize a received message", e);
        }
    }
}
