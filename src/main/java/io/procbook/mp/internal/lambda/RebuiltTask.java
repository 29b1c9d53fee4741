package io.procbook.mp.internal.lambda;

import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * A task a {@link LambdaCopy} rebuilt: one subclass per task interface ({@link io.procbook.mp.Task} to
 * {@link io.procbook.mp.Task3}, named for the arguments it takes), each calling the lambda's implementation
 * method through a method handle of the interface's erased type (one {@code invokeExact} call site per
 * arity). What every one holds: the adapted implementation method and the form it came in, which is what it
 * serializes as. Immutable and thread-safe.
 */
abstract class RebuiltTask implements Serializable {

    private static final long serialVersionUID = 1L;
    final transient MethodHandle handle;
    private final LambdaCopy form;

    RebuiltTask(MethodHandle handle, LambdaCopy form) {
        this.handle = handle;
        this.form = form;
    }

    /** Serialization writes the lambda's portable form, never the method handle. */
    protected final Object writeReplace() {
        return form;
    }

    static Exception rethrow(Throwable t) throws Exception {
        if (t instanceof Exception e) throw e;
        if (t instanceof Error e) throw e;
        throw new UndeclaredThrowableException(t);
    }

    /** A rebuilt {@link io.procbook.mp.Task}. */
    static final class NoArgs extends RebuiltTask implements io.procbook.mp.Task {
        private static final long serialVersionUID = 1L;

        NoArgs(MethodHandle handle, LambdaCopy form) {
            super(handle, form);
        }

        @Override
        public void run() throws Exception {
            try {
                handle.invokeExact();
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** A rebuilt {@link io.procbook.mp.Task1}. */
    static final class OneArg extends RebuiltTask implements io.procbook.mp.Task1<Object> {
        private static final long serialVersionUID = 1L;

        OneArg(MethodHandle handle, LambdaCopy form) {
            super(handle, form);
        }

        @Override
        public void run(Object a) throws Exception {
            try {
                handle.invokeExact(a);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** A rebuilt {@link io.procbook.mp.Task2}. */
    static final class TwoArgs extends RebuiltTask implements io.procbook.mp.Task2<Object, Object> {
        private static final long serialVersionUID = 1L;

        TwoArgs(MethodHandle handle, LambdaCopy form) {
            super(handle, form);
        }

        @Override
        public void run(Object a, Object b) throws Exception {
            try {
                handle.invokeExact(a, b);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    /** A rebuilt {@link io.procbook.mp.Task3}. */
    static final class ThreeArgs extends RebuiltTask implements io.procbook.mp.Task3<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        ThreeArgs(MethodHandle handle, LambdaCopy form) {
            super(handle, form);
        }

        @Override
        public void run(Object a, Object b, Object c) throws Exception {
            try {
                handle.invokeExact(a, b, c);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }
}
