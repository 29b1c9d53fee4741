package io.procbook.shell;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reads the value an {@link InheritableThreadLocal} has in another thread. Java offers no public way to do
 * this, so it reads the thread's inheritable map by reflection; that needs {@code java.lang} opened to us
 * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}; the jar's manifest does it for {@code java -jar}).
 *
 * <p>Why not something public: a cell's code runs on one long-lived thread, so the thread group (the one
 * cross-thread property a new thread inherits that we could read) is the same for every cell, and the context
 * class loader is reset by fork-join pools; only the inheritable thread-local follows "which cell created me"
 * exactly. Reading another thread's map races with that thread changing its own inheritable values; the map is
 * never left without free slots, so a read ends, and at worst misses a value being set at that instant.
 */
final class InheritedValueReader {

    private static final Field MAP;
    private static final Method GET_ENTRY;
    private static final Field VALUE;
    private static final RuntimeException UNAVAILABLE;

    static {
        Field map = null;
        Method getEntry = null;
        Field value = null;
        RuntimeException problem = null;
        try {
            map = Thread.class.getDeclaredField("inheritableThreadLocals");
            map.setAccessible(true);
            getEntry = Class.forName("java.lang.ThreadLocal$ThreadLocalMap").getDeclaredMethod("getEntry", ThreadLocal.class);
            getEntry.setAccessible(true);
            value = Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry").getDeclaredField("value");
            value.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            problem = new IllegalStateException("procbook cannot tell which notebook cell started a thread: it needs "
                    + "'--add-opens java.base/java.lang=ALL-UNNAMED' on the java command line (java -jar procbook.jar "
                    + "does it through the jar's manifest); " + e, e);
        }
        MAP = map;
        GET_ENTRY = getEntry;
        VALUE = value;
        UNAVAILABLE = problem;
    }

    private InheritedValueReader() { }

    /** @throws IllegalStateException if this JVM does not let us read other threads' values (see the class doc) */
    static void requireAvailable() {
        if (UNAVAILABLE != null) throw UNAVAILABLE;
    }

    /**
     * @return {@code local}'s value in {@code thread}, or {@code null} if it has none
     * @throws IllegalStateException if this JVM does not let us read it (see the class doc)
     */
    static <T> T valueIn(Thread thread, InheritableThreadLocal<T> local) {
        requireAvailable();
        try {
            Object map = MAP.get(thread);
            if (map == null) return null;
            Object entry = GET_ENTRY.invoke(map, local);
            @SuppressWarnings("unchecked")
            T value = entry == null ? null : (T) VALUE.get(entry);
            return value;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read a thread-local of thread " + thread.getName(), e);
        }
    }
}
