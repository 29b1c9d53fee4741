package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagedValue;
import java.util.Objects;

/** The server side of {@code Manager.value}: a monitor-guarded cell. */
final class ValueCell<T> implements ManagedValue<T> {

    private T value;

    ValueCell(T initial) {
        value = initial;
    }

    @Override
    public synchronized T get() {
        return value;
    }

    @Override
    public synchronized void set(T v) {
        value = v;
    }

    @Override
    public synchronized boolean compareAndSet(T expected, T update) {
        if (!Objects.equals(value, expected)) return false;
        value = update;
        return true;
    }

    @Override
    public synchronized String toString() {
        return "Value(" + value + ")";
    }
}
