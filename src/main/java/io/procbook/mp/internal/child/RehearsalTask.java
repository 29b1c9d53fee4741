package io.procbook.mp.internal.child;

import io.procbook.mp.Task;

/**
 * The stand-in for a notebook class in {@link Rehearsal}: a top-level class with a notebook-style variable
 * and a serializable lambda, defined from its bytes by a throwaway notebook loader. Uses public API only: in
 * that loader it lives in a package of its own.
 */
public final class RehearsalTask {

    /** A notebook variable: the rehearsal's loader sets it from a copied value, as for a real cell's. */
    public static Integer value;

    private RehearsalTask() { }

    /** @return a lambda whose implementation is in this class, as a cell's lambda is in its wrapper class */
    public static Task task() {
        return () -> {
            if (value == null) throw new IllegalStateException("the rehearsal's variable was not copied");
        };
    }
}
