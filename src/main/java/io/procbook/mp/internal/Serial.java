package io.procbook.mp.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization to and from byte arrays, resolving classes through a chosen loader (the child's notebook
 * loader, or in the parent the notebook's live classes) rather than the caller's. Both directions are a
 * {@link PrivateChannel}: these bytes go only between a process and its children.
 */
public final class Serial {

    private Serial() { }

    /**
     * @return the serialized form of {@code value}
     * @throws NotSerializableException (unchecked as {@link UncheckedIOException}) if part of it cannot be
     *                                  serialized
     */
    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new PrivateObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Resolves a class by name, or returns {@code null}. */
    @FunctionalInterface
    public interface Resolver {
        Class<?> find(String name);
    }

    /**
     * Reads back an object written by {@link #toBytes}.
     *
     * @param loader where classes come from first
     * @param extra  consulted when {@code loader} does not know a class (may be {@code null})
     */
    public static Object fromBytes(byte[] data, ClassLoader loader, Resolver extra)
            throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderInputStream(data, loader, extra)) {
            return in.readObject();
        }
    }

    private static final class LoaderInputStream extends ObjectInputStream implements PrivateChannel {
        private final ClassLoader loader;
        private final Resolver extra;

        LoaderInputStream(byte[] data, ClassLoader loader, Resolver extra) throws IOException {
            super(new ByteArrayInputStream(data));
            this.loader = loader;
            this.extra = extra;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                Class<?> c = extra == null ? null : extra.find(desc.getName());
                if (c != null) return c;
                try {
                    return super.resolveClass(desc); // primitives and their arrays
                } catch (ClassNotFoundException e2) {
                    throw e;
                }
            }
        }
    }

    /** @return a one-line description of why {@code t} stopped serialization, naming the offending class */
    public static String describe(Throwable t) {
        Throwable c = t instanceof UncheckedIOException ? t.getCause() : t;
        if (c instanceof NotSerializableException) return "not Serializable: " + c.getMessage();
        if (c instanceof InvalidClassException) return c.getMessage();
        return String.valueOf(c);
    }
}
