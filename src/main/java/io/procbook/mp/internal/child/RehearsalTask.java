package io.procbook.mp.internal.child;

import io.procbook.mp.Task;
import io.procbook.mp.Task1;
import io.procbook.mp.Task2;
import io.procbook.mp.Task3;

/**
 * The stand-in for a notebook class in {@link Rehearsal}: a top-level class with a notebook-style variable
 * and serializable lambdas of each task interface, defined from its bytes by a throwaway notebook loader.
 * Uses public API only: in that loader it lives in a package of its own.
 */
public final class RehearsalTask {

    /** A notebook variable: the rehearsal's loader sets it from a copied value, as for a real cell's. */
    public static Integer value;

    private RehearsalTask() { }

    /** @return lambdas whose implementations are in this class, as a cell's lambdas are in its wrapper class */
    public static Object[] tasks() {
        int captured = 1; // a captured local, as in "int n = 5; new Process(() -> f(n))"
        Task t0 = () -> check(captured);
        Task1<String> t1 = a -> check(a.length());
        Task2<String, Integer> t2 = (a, b) -> check(b);
        Task3<String, Integer, Long> t3 = (a, b, c) -> check(c.intValue());
        return new Object[] {t0, t1, t2, t3};
    }

    private static void check(int positive) {
        if (value == null) throw new IllegalStateException("the rehearsal's variable was not copied");
        if (positive <= 0) throw new IllegalStateException("the rehearsal's arguments were not passed");
    }
}
