package io.procbook.mp.internal.child;

import io.procbook.mp.internal.ClassReply;
import io.procbook.mp.internal.PrivateAccess;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.StaticValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Defines, in a child JVM, the notebook classes that exist in the parent only. Delegates to its parent first
 * (class path and added entries), then uses bytes that came with a parcel, then asks the parent. When it
 * defines a top-level notebook class it sets the class's variables to the parent's values, before any code of
 * the class can run (notebook wrapper classes have no static initializer, so nothing of the cell re-runs).
 *
 * <p>A parcel carries only the variables its task's code reads, so a class can be defined with some of its
 * variables and a later parcel (the next task of a pool worker) can bring others: those are set then, once
 * each. A variable already set keeps its value here, as a forked worker keeps its globals. A variable that
 * could not be copied fails the class's definition, or, for a class already defined, the decoding of the
 * parcel whose task reads it: either way before the task's code can see a missing value.
 */
final class NotebookLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final ClassLoader CLASS_PATH = ClassLoader.getSystemClassLoader();
    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();
    /** Variables offered for classes not yet defined; guarded by the class's loading lock. */
    private final Map<String, Map<String, StaticValue>> pending = new ConcurrentHashMap<>();
    /** Variables of defined classes that have been set (or that the child only writes); same guard. */
    private final Map<String, Set<String>> assigned = new ConcurrentHashMap<>();
    private final Map<String, NotebookVariableError> failed = new ConcurrentHashMap<>();
    private final Function<String, ClassReply> parentSource;

    /**
     * @param parent       the class path loader
     * @param parentSource asks the parent JVM for a class; returns {@code null} if the connection is gone
     */
    NotebookLoader(ClassLoader parent, Function<String, ClassReply> parentSource) {
        super("procbook-notebook", parent);
        this.parentSource = parentSource;
    }

    /**
     * Makes classes and variable values available. Bytes of already defined classes are ignored; their
     * variables not yet set are set now.
     *
     * @throws NotebookVariableError if a variable of an already defined class could not be copied
     */
    void offer(Map<String, byte[]> classes, Map<String, List<StaticValue>> values) {
        classes.forEach((name, code) -> {
            if (findLoadedClass(name) == null) bytes.putIfAbsent(name, code);
        });
        values.forEach((name, vals) -> {
            synchronized (getClassLoadingLock(name)) {
                Class<?> defined = findLoadedClass(name);
                if (defined == null) {
                    Map<String, StaticValue> waiting = pending.computeIfAbsent(name, n -> new LinkedHashMap<>());
                    for (StaticValue v : vals) waiting.putIfAbsent(v.field(), v);
                    return;
                }
                Set<String> done = assigned.get(name);
                if (done == null) return; // not one of ours
                Map<String, StaticValue> fresh = new LinkedHashMap<>();
                for (StaticValue v : vals) if (!done.contains(v.field())) fresh.putIfAbsent(v.field(), v);
                NotebookVariableError e = uncopyable(name, fresh.values());
                if (e != null) throw e;
                assign(defined, fresh.values());
            }
        });
    }

    /**
     * A class whose bytes came with a parcel is defined from them without asking the parent loaders first:
     * those bytes are the parent JVM's live class of that name, so the class path cannot have a better one,
     * and the three loaders' misses (each with a ClassNotFoundException) were a fifth of defining a cell's
     * class in a pre-started child. Any other name is looked up parent-first, as usual.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!bytes.containsKey(name)) {
            // The usual answer (a JDK or runtime class) comes from the class path loader, which the JVM asks
            // natively; going down the delegation chain in Java code costs ~20 us per class the first time.
            // The result is the same: both loaders above this one ask the class path loader first.
            try {
                return Class.forName(name, false, CLASS_PATH);
            } catch (ClassNotFoundException notOnTheClassPath) {
                return super.loadClass(name, resolve); // an added jar's class, or a notebook class on demand
            }
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) c = findClass(name);
            if (resolve) resolveClass(c);
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        NotebookVariableError earlier = failed.get(name);
        if (earlier != null) throw earlier;
        byte[] code = bytes.remove(name);
        Map<String, StaticValue> values = pending.remove(name);
        if (values == null) values = new LinkedHashMap<>();
        if (code == null) {
            ClassReply reply = parentSource.apply(name);
            if (reply == null || reply.bytes() == null) throw new ClassNotFoundException(name);
            code = reply.bytes();
            for (StaticValue v : reply.statics()) values.putIfAbsent(v.field(), v);
        }
        NotebookVariableError e = uncopyable(name, values.values());
        if (e != null) {
            failed.put(name, e);
            throw e;
        }
        Class<?> c = defineClass(name, code, 0, code.length);
        assigned.put(name, ConcurrentHashMap.newKeySet());
        assign(c, values.values());
        return c;
    }

    private static NotebookVariableError uncopyable(String className, Iterable<StaticValue> values) {
        StringBuilder msg = new StringBuilder();
        for (StaticValue v : values) {
            if (v.error() == null) continue;
            msg.append(msg.length() == 0 ? "" : "; ").append("notebook variable '").append(v.field())
                    .append("' (").append(v.type()).append(") cannot be copied to a child process: ")
                    .append(v.error());
        }
        if (msg.length() == 0) return null;
        return new NotebookVariableError(msg
                + " (a child gets a copy of each notebook variable it uses; make the type Serializable"
                + " or do not use the variable in the child) [in " + className + "]");
    }

    private void assign(Class<?> c, Iterable<StaticValue> values) {
        Set<String> done = assigned.get(c.getName());
        for (StaticValue v : values) {
            try {
                if (!v.isNotCopied()) {
                    PrivateAccess.setNotebookVariable(c, v.field(), Serial.fromBytes(v.value(), this, null));
                }
                done.add(v.field());
            } catch (Exception | LinkageError e) {
                NotebookVariableError err = new NotebookVariableError("notebook variable '" + v.field() + "' ("
                        + v.type() + ") could not be restored in the child process: " + e);
                err.initCause(e);
                failed.put(c.getName(), err);
                throw err;
            }
        }
    }
}
