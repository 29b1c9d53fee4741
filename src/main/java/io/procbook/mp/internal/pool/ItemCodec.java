package io.procbook.mp.internal.pool;

import io.procbook.mp.internal.Serial;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a chunk of task arguments or results. Lists made only of Integers, only of Longs or only of
 * Strings (the common case of tiny tasks) get a packed form: Java serialization would cost more than the
 * tasks themselves. Anything else is one Java-serialized list, so a chunk pays the stream header once.
 *
 * <p>Encoded straight into an array of the exact size and read back from a {@link ByteBuffer}: with chunks of
 * one tiny item, the streams and intermediate buffers this used to go through cost more than the item.
 */
final class ItemCodec {

    private static final byte INTS = 1;
    private static final byte LONGS = 2;
    private static final byte STRINGS = 3;
    private static final byte SERIAL = 4;

    private ItemCodec() { }

    /**
     * @param before how many bytes to leave free at the start of the array, for the caller's header
     * @return an array of {@code before} free bytes followed by the encoded items
     * @throws java.io.UncheckedIOException if an item cannot be serialized
     */
    static byte[] encode(List<?> items, int before) {
        byte kind = kindOf(items);
        int n = items.size();
        ByteBuffer b;
        switch (kind) {
            case INTS -> {
                b = ByteBuffer.allocate(before + 5 + 4 * n).position(before);
                b.put(kind).putInt(n);
                for (Object o : items) b.putInt((Integer) o);
            }
            case LONGS -> {
                b = ByteBuffer.allocate(before + 5 + 8 * n).position(before);
                b.put(kind).putInt(n);
                for (Object o : items) b.putLong((Long) o);
            }
            case STRINGS -> {
                byte[][] utf8 = new byte[n][];
                int size = 0;
                int i = 0;
                for (Object o : items) size += 4 + (utf8[i++] = ((String) o).getBytes(StandardCharsets.UTF_8)).length;
                b = ByteBuffer.allocate(before + 5 + size).position(before);
                b.put(kind).putInt(n);
                for (byte[] s : utf8) b.putInt(s.length).put(s);
            }
            default -> {
                byte[] s = Serial.toBytes(items instanceof ArrayList<?> ? items : new ArrayList<>(items));
                b = ByteBuffer.allocate(before + 5 + s.length).position(before);
                b.put(kind).putInt(s.length).put(s);
            }
        }
        return b.array();
    }

    private static byte kindOf(List<?> items) {
        if (items.isEmpty()) return SERIAL;
        Object first = items.get(0);
        Class<?> c = first == null ? null : first.getClass();
        if (c != Integer.class && c != Long.class && c != String.class) return SERIAL;
        for (Object o : items) if (o == null || o.getClass() != c) return SERIAL;
        return c == Integer.class ? INTS : c == Long.class ? LONGS : STRINGS;
    }

    /**
     * Reads a list written by {@link #encode} from {@code in}'s position, resolving classes through
     * {@code loader} then {@code extra}.
     *
     * @throws IOException if the bytes are not such a list
     */
    static List<Object> read(ByteBuffer in, ClassLoader loader, Serial.Resolver extra)
            throws IOException, ClassNotFoundException {
        try {
            byte kind = in.get();
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) throw new IOException("corrupt item count " + n);
            if (kind == SERIAL) {
                byte[] b = new byte[n];
                in.get(b);
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) Serial.fromBytes(b, loader, extra);
                return list;
            }
            List<Object> out = new ArrayList<>(n);
            switch (kind) {
                case INTS -> {
                    for (int i = 0; i < n; i++) out.add(in.getInt());
                }
                case LONGS -> {
                    for (int i = 0; i < n; i++) out.add(in.getLong());
                }
                case STRINGS -> {
                    for (int i = 0; i < n; i++) {
                        byte[] s = new byte[in.getInt()];
                        in.get(s);
                        out.add(new String(s, StandardCharsets.UTF_8));
                    }
                }
                default -> throw new IOException("unknown item encoding " + kind);
            }
            return out;
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IOException("truncated items: " + e, e);
        }
    }
}
