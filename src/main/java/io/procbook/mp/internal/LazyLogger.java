package io.procbook.mp.internal;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that looks its backend up on first use. {@code System.getLogger} starts the logging
 * backend (java.util.logging by default), some 20-30 ms of a fresh JVM's time: a child JVM's start, or a
 * program's first {@code Process}, must not pay that for a logger that only speaks when something goes wrong.
 * Records name the class that logged, not this one (the backend skips {@code System.Logger} frames).
 * Safe for use by many threads.
 */
public final class LazyLogger implements System.Logger {

    private final String name;
    private volatile System.Logger backend;

    private LazyLogger(String name) {
        this.name = name;
    }

    /**
     * @param owner the class whose name the logger takes
     * @return a logger that looks up {@code System.getLogger(owner.getName())} when first asked to log
     */
    public static System.Logger of(Class<?> owner) {
        return new LazyLogger(owner.getName());
    }

    private System.Logger backend() {
        System.Logger b = backend;
        if (b == null) backend = b = System.getLogger(name); // a race only looks it up twice
        return b;
    }

    @Override
    public String getName() { return name; }

    @Override
    public boolean isLoggable(Level level) { return backend().isLoggable(level); }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        backend().log(level, bundle, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        backend().log(level, bundle, format, params);
    }
}
