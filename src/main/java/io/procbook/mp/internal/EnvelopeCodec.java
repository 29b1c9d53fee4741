package io.procbook.mp.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary encoding of the protocol's envelopes ({@link Assignment}, {@link Parcel}, {@link ClassReply}) with
 * plain data streams. Why not Java serialization: a cold child would first have to initialize the
 * serialization of records and maps (method-handle spinning, reflection) just to open the envelope, tens of
 * ms before it can run anything. Only the payload a parcel carries is Java-serialized.
 */
public final class EnvelopeCodec {

    private EnvelopeCodec() { }

    /** @return the bytes of an assignment */
    public static byte[] encode(Assignment a) {
        return write(out -> {
            writeString(out, a.name());
            out.writeInt(a.classpath().size());
            for (String e : a.classpath()) writeString(out, e);
            writeParcel(out, a.entry());
        });
    }

    /** @return the assignment in {@code bytes} */
    public static Assignment decodeAssignment(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        String name = readString(in);
        int n = in.readInt();
        List<String> cp = new ArrayList<>(n);
        for (int i = 0; i < n; i++) cp.add(readString(in));
        return new Assignment(name, cp, readParcel(in));
    }

    /** @return the bytes of a parcel (for layers above that send parcels as data) */
    public static byte[] encode(Parcel b) {
        return write(out -> writeParcel(out, b));
    }

    /** @return the parcel in {@code bytes} */
    public static Parcel decodeParcel(byte[] bytes) throws IOException {
        return readParcel(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    /** @return the bytes of a class reply */
    public static byte[] encode(ClassReply r) {
        return write(out -> {
            out.writeUTF(r.name());
            writeBytes(out, r.bytes());
            writeStatics(out, r.statics());
        });
    }

    /** @return the class reply in {@code bytes} */
    public static ClassReply decodeClassReply(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        return new ClassReply(in.readUTF(), readBytes(in), readStatics(in));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return b.toByteArray();
    }

    private static void writeParcel(DataOutputStream out, Parcel b) throws IOException {
        writeBytes(out, b.object());
        out.writeInt(b.classes().size());
        for (Map.Entry<String, byte[]> e : b.classes().entrySet()) {
            out.writeUTF(e.getKey());
            writeBytes(out, e.getValue());
        }
        out.writeInt(b.statics().size());
        for (Map.Entry<String, List<StaticValue>> e : b.statics().entrySet()) {
            out.writeUTF(e.getKey());
            writeStatics(out, e.getValue());
        }
    }

    private static Parcel readParcel(DataInputStream in) throws IOException {
        byte[] object = readBytes(in);
        int n = in.readInt();
        Map<String, byte[]> classes = new HashMap<>();
        for (int i = 0; i < n; i++) classes.put(in.readUTF(), readBytes(in));
        int m = in.readInt();
        Map<String, List<StaticValue>> statics = new HashMap<>();
        for (int i = 0; i < m; i++) statics.put(in.readUTF(), readStatics(in));
        return new Parcel(object, classes, statics);
    }

    private static void writeStatics(DataOutputStream out, List<StaticValue> values) throws IOException {
        out.writeInt(values.size());
        for (StaticValue v : values) {
            out.writeUTF(v.field());
            out.writeUTF(v.type());
            writeBytes(out, v.value());
            out.writeBoolean(v.error() != null);
            if (v.error() != null) writeString(out, v.error());
        }
    }

    private static List<StaticValue> readStatics(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<StaticValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String field = in.readUTF();
            String type = in.readUTF();
            byte[] value = readBytes(in);
            String error = in.readBoolean() ? readString(in) : null;
            out.add(new StaticValue(field, type, value, error));
        }
        return out;
    }

    /**
     * Text of any length (a process name set by the user, a path, an error message): writeUTF's modified
     * UTF-8 stops at 64 KB. Class and field names keep writeUTF, which the class file format bounds alike.
     */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        if (b == null) throw new IOException("corrupt envelope: a missing string");
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
