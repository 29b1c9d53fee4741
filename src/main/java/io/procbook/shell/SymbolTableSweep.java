package io.procbook.shell;

import jdk.jshell.JShell;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Clears out what JShell leaves behind in the symbol tables of its reusable javac contexts.
 *
 * <p>After each javac task JShell removes the session's classes from the task's symbol table, and javac's
 * {@code Symtab.removeClass} leaves the class's name behind with an empty map. JShell then walks the whole table
 * after every task to find its classes again, so that walk, already about a third of a {@code 1+1} cell in a fresh
 * session, got longer with every snippet: at 1,800 snippets half the entries of a context's table (2,480 of
 * 5,065) were such leftovers. Every {@value #EVERY} evaluations the leftovers are removed from the tables of
 * the contexts not in use. An empty entry means the same as no entry to every use javac makes of the table.
 *
 * <p>This reaches into javac's internals ({@code --add-opens} of {@code jdk.compiler}'s
 * {@code com.sun.tools.javac.api}, {@code .code} and {@code .util}, which the kernel jar's manifest declares);
 * where they are not open or not as expected, it does nothing (cells then slow down slowly in very long
 * sessions, as they did before).
 *
 * <p>Used by the evaluating thread; a sweep holds the task pool's lock, which javac holds only to hand out and
 * take back a context.
 */
final class SymbolTableSweep {

    /** Evaluations between sweeps: a sweep walks the tables once, as JShell does after every task. */
    static final int EVERY = 50;

    private final Object taskFactory;
    private final Field pool;
    private final Field contexts;
    private final Method contextGet;
    private final Object symtabKey;
    private final Field classes;
    private int evaluations;

    private SymbolTableSweep(Object taskFactory, Field pool, Field contexts, Method contextGet, Object symtabKey,
                             Field classes) {
        this.taskFactory = taskFactory;
        this.pool = pool;
        this.contexts = contexts;
        this.contextGet = contextGet;
        this.symtabKey = symtabKey;
        this.classes = classes;
    }

    /** @return the sweep for a session, or {@code null} if this JDK's javac cannot be reached */
    static SymbolTableSweep of(JShell js) {
        Module jdkCompiler = ModuleLayer.boot().findModule("jdk.compiler").orElse(null);
        Module us = SymbolTableSweep.class.getModule();
        if (jdkCompiler == null || !JShell.class.getModule().isOpen("jdk.jshell", us)) return null;
        for (String p : new String[] {"api", "code", "util"}) {
            if (!jdkCompiler.isOpen("com.sun.tools.javac." + p, us)) return null;
        }
        try {
            Object taskFactory = field(JShell.class, "taskFactory").get(js);
            Field pool = field(taskFactory.getClass(), "javacTaskPool");
            Class<?> poolClass = javacClass(jdkCompiler, "com.sun.tools.javac.api.JavacTaskPool");
            Class<?> context = javacClass(jdkCompiler, "com.sun.tools.javac.util.Context");
            Class<?> key = javacClass(jdkCompiler, "com.sun.tools.javac.util.Context$Key");
            Class<?> symtab = javacClass(jdkCompiler, "com.sun.tools.javac.code.Symtab");
            Method get = context.getMethod("get", key);
            Object symtabKey = field(symtab, "symtabKey").get(null);
            SymbolTableSweep sweep = new SymbolTableSweep(taskFactory, pool, field(poolClass, "options2Contexts"),
                    get, symtabKey, field(symtab, "classes"));
            sweep.sweep(); // fails here, not later, if anything is not as expected
            return sweep;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Class<?> javacClass(Module jdkCompiler, String name) throws ClassNotFoundException {
        Class<?> c = Class.forName(jdkCompiler, name);
        if (c == null) throw new ClassNotFoundException(name);
        return c;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** Counts an evaluation; every {@value #EVERY} of them, sweeps. */
    void evaluated() {
        if (++evaluations % EVERY != 0) return;
        try {
            sweep();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The tables stay as JShell left them: slower, never wrong. Said at DEBUG, for whoever wonders why.
            System.getLogger(SymbolTableSweep.class.getName()).log(System.Logger.Level.DEBUG,
                    "symbol table sweep failed; a long session compiles more slowly", e);
        }
    }

    /**
     * Removes the leftovers from the tables of the contexts not in use.
     *
     * @return how many entries were removed
     */
    int sweep() throws ReflectiveOperationException {
        return eachIdleTable(table -> {
            int before = table.size();
            table.values().removeIf(v -> v instanceof Map<?, ?> m && m.isEmpty());
            return before - table.size();
        });
    }

    /** @return how many entries the symbol tables of the contexts not in use hold */
    int entries() throws ReflectiveOperationException {
        return eachIdleTable(Map::size);
    }

    /**
     * Applies {@code action} to the symbol table of each context in the pool (in use by no task: a context is
     * in the pool only while idle, and the pool's lock keeps it there), summing what it returns.
     */
    private int eachIdleTable(ToIntFunction<Map<?, ?>> action) throws ReflectiveOperationException {
        Object javacTaskPool = pool.get(taskFactory); // JShell makes a new pool when the class path grows
        int sum = 0;
        synchronized (javacTaskPool) {
            for (Object queue : ((Map<?, ?>) contexts.get(javacTaskPool)).values()) {
                for (Object context : (Collection<?>) queue) {
                    Object symtab = contextGet.invoke(context, symtabKey);
                    if (symtab != null) sum += action.applyAsInt((Map<?, ?>) classes.get(symtab));
                }
            }
        }
        return sum;
    }
}
