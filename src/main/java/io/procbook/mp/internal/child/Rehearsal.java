package io.procbook.mp.internal.child;

import io.procbook.mp.Process;
import io.procbook.mp.Task;
import io.procbook.mp.internal.Bundle;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.StaticValue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Decodes and runs a throwaway task the way a child's first real task is decoded and run, so that a
 * pre-started (warm) JVM has linked every call site and built every serialization descriptor and accessor that
 * path needs before the real task arrives. Each of those costs 0.1-1 ms the first time in a JVM (a lambda
 * call site, an enum's constant directory, a class defined from bytes, a serializable lambda rebuilt through
 * its capturing class); together they were most of a warm start.
 *
 * <p>What it rehearses: a notebook loader (over a parent that hides {@link RehearsalTask} from the class
 * path) is offered the class's bytes and a copied variable, defines the class and sets the variable; a
 * {@code Process} (the main-process object: making a new one would use up a child-process number) and a
 * lambda from that class go through Java serialization and come back through that loader; the lambda runs.
 * Nothing of it stays reachable.
 */
final class Rehearsal {

    private static final String TASK = RehearsalTask.class.getName();

    private Rehearsal() { }

    static void run() throws Exception {
        byte[] code;
        try (InputStream in = Rehearsal.class.getResourceAsStream("RehearsalTask.class")) {
            if (in == null) throw new IOException("RehearsalTask.class is missing from the class path");
            code = in.readAllBytes();
        }
        NotebookLoader loader = new NotebookLoader(new Hiding(Rehearsal.class.getClassLoader()), name -> null);
        Bundle bundle = new Bundle(new byte[0], Map.of(TASK, code),
                Map.of(TASK, List.of(new StaticValue("value", "Integer", Serial.toBytes(42), null))));
        loader.offer(bundle.classes(), bundle.statics());
        Class<?> task = Class.forName(TASK, true, loader);
        Object lambda = task.getMethod("task").invoke(null);
        byte[] bytes = Serial.toBytes(new Object[] {Process.current(), lambda});
        Object[] back = (Object[]) Serial.fromBytes(bytes, loader, null);
        ((Task) back[1]).run();
    }

    /** The class path, minus the rehearsal's stand-in notebook class. */
    private static final class Hiding extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        Hiding(ClassLoader parent) {
            super("procbook-rehearsal", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(TASK)) throw new ClassNotFoundException(name);
            return super.loadClass(name, resolve);
        }
    }
}
