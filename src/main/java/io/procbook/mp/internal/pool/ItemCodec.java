package io.procbook.mp.internal.pool;

import io.procbook.mp.internal.Serial;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a chunk of task arguments or results. Lists made only of Integers, only of Longs or only of
 * Strings (the common case of tiny tasks) get a packed form: Java serialization would cost more than the
 * tasks themselves. Anything else is one Java-serialized list, so a chunk pays the stream header once.
 */
final class ItemCodec {

    private static final byte INTS = 1;
    private static final byte LONGS = 2;
    private static final byte STRINGS = 3;
    private static final byte SERIAL = 4;

    private ItemCodec() { }

    /**
     * @throws java.io.UncheckedIOException if an item cannot be serialized
     */
    static void write(DataOutputStream out, List<?> items) throws IOException {
        byte kind = kindOf(items);
        out.writeByte(kind);
        if (kind == SERIAL) {
            byte[] b = Serial.toBytes(items instanceof ArrayList<?> ? items : new ArrayList<>(items));
            out.writeInt(b.length);
            out.write(b);
            return;
        }
        out.writeInt(items.size());
        switch (kind) {
            case INTS -> {
                ByteBuffer b = ByteBuffer.allocate(items.size() * 4);
                for (Object o : items) b.putInt((Integer) o);
                out.write(b.array());
            }
            case LONGS -> {
                ByteBuffer b = ByteBuffer.allocate(items.size() * 8);
                for (Object o : items) b.putLong((Long) o);
                out.write(b.array());
            }
            default -> {
                for (Object o : items) {
                    byte[] s = ((String) o).getBytes(StandardCharsets.UTF_8);
                    out.writeInt(s.length);
                    out.write(s);
                }
            }
        }
    }

    private static byte kindOf(List<?> items) {
        if (items.isEmpty()) return SERIAL;
        Class<?> c = items.get(0) == null ? null : items.get(0).getClass();
        if (c != Integer.class && c != Long.class && c != String.class) return SERIAL;
        for (Object o : items) if (o == null || o.getClass() != c) return SERIAL;
        return c == Integer.class ? INTS : c == Long.class ? LONGS : STRINGS;
    }

    /** Reads a list written by {@link #write}, resolving classes through {@code loader} then {@code extra}. */
    static List<Object> read(DataInputStream in, ClassLoader loader, Serial.Resolver extra)
            throws IOException, ClassNotFoundException {
        byte kind = in.readByte();
        if (kind == SERIAL) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) Serial.fromBytes(b, loader, extra);
            return list;
        }
        int n = in.readInt();
        List<Object> out = new ArrayList<>(n);
        switch (kind) {
            case INTS -> {
                ByteBuffer b = ByteBuffer.wrap(in.readNBytes(n * 4));
                for (int i = 0; i < n; i++) out.add(b.getInt());
            }
            case LONGS -> {
                ByteBuffer b = ByteBuffer.wrap(in.readNBytes(n * 8));
                for (int i = 0; i < n; i++) out.add(b.getLong());
            }
            case STRINGS -> {
                for (int i = 0; i < n; i++) {
                    byte[] s = new byte[in.readInt()];
                    in.readFully(s);
                    out.add(new String(s, StandardCharsets.UTF_8));
                }
            }
            default -> throw new IOException("unknown item encoding " + kind);
        }
        return out;
    }
}
