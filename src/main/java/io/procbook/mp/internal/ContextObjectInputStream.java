package io.procbook.mp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An ObjectInputStream that resolves classes through the reading thread's context loader first: in a child
 * JVM that is the loader of the notebook's classes, which the default resolution (the caller's loader) misses.
 */
public class ContextObjectInputStream extends ObjectInputStream {

    public ContextObjectInputStream(InputStream in) throws IOException {
        super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl != null) {
            try {
                return Class.forName(desc.getName(), false, cl);
            } catch (ClassNotFoundException ignored) {
                // fall back to the default resolution below
            }
        }
        return super.resolveClass(desc);
    }
}
