package io.procbook.mp.internal;

import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * The tasks a {@link LambdaCopy} rebuilds: one class per task interface, each calling the lambda's
 * implementation method through a method handle of the interface's erased type (one {@code invokeExact}
 * call site per arity). They serialize as their {@code LambdaCopy} again. Immutable and thread-safe.
 */
final class TaskHandles {

    private TaskHandles() { }

    /** What every rebuilt task holds: the adapted implementation method and the form it came in. */
    abstract static class Handle implements Serializable {
        private static final long serialVersionUID = 1L;
        final transient MethodHandle handle;
        private final LambdaCopy form;

        Handle(MethodHandle handle, LambdaCopy form) {
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
    }

    /** A rebuilt {@link io.procbook.mp.Task}. */
    static final class Task0 extends Handle implements io.procbook.mp.Task {
        private static final long serialVersionUID = 1L;

        Task0(MethodHandle handle, LambdaCopy form) {
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
    static final class Task1 extends Handle implements io.procbook.mp.Task1<Object> {
        private static final long serialVersionUID = 1L;

        Task1(MethodHandle handle, LambdaCopy form) {
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
    static final class Task2 extends Handle implements io.procbook.mp.Task2<Object, Object> {
        private static final long serialVersionUID = 1L;

        Task2(MethodHandle handle, LambdaCopy form) {
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
    static final class Task3 extends Handle implements io.procbook.mp.Task3<Object, Object, Object> {
        private static final long serialVersionUID = 1L;

        Task3(MethodHandle handle, LambdaCopy form) {
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
