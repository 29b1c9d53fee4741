package io.procbook.mp.internal.manager;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a connection repeats in every call (method signatures such as
 * {@code put|java.lang.Object|java.lang.Object}, caller tokens), sent in full once and then as a 2-byte index.
 * A call then carries about a third of the bytes, and the server neither decodes nor allocates a String for
 * them, and its method lookup hashes the same String instance each time (its hash is cached). Each end of a
 * connection keeps what it sent and what it received; both fill them in stream order, so they agree without
 * any extra message. The table is bounded (entries and their length), so a peer cannot grow it without limit.
 */
final class NameTable {

    private static final int MAX_ENTRIES = 4096;
    private static final int MAX_LENGTH = 512;
    private static final short NEW = -1;
    private static final short LITERAL = -2;

    private final Map<String, Short> sent = new HashMap<>();
    private final List<String> received = new ArrayList<>();

    /** Writes {@code name} (sending side of this table). */
    void write(DataOutput out, String name) throws IOException {
        Short index = sent.get(name);
        if (index != null) {
            out.writeShort(index);
        } else if (sent.size() < MAX_ENTRIES && name.length() <= MAX_LENGTH) {
            sent.put(name, (short) sent.size());
            out.writeShort(NEW);
            out.writeUTF(name);
        } else {
            out.writeShort(LITERAL);
            out.writeUTF(name);
        }
    }

    /** Reads a name (receiving side of this table). */
    String read(DataInput in) throws IOException {
        short index = in.readShort();
        if (index >= 0) {
            if (index >= received.size()) throw new StreamCorruptedException("unknown name index " + index);
            return received.get(index);
        }
        if (index != NEW && index != LITERAL) throw new StreamCorruptedException("bad name tag " + index);
        String name = in.readUTF();
        if (index == NEW) {
            if (received.size() >= MAX_ENTRIES || name.length() > MAX_LENGTH) {
                throw new StreamCorruptedException("the peer overfilled the connection's name table");
            }
            received.add(name);
        }
        return name;
    }
}
