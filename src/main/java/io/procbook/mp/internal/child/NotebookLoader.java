package io.procbook.mp.internal.child;

import io.procbook.mp.internal.ClassReply;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.StaticValue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Defines, in a child JVM, the notebook classes that exist in the parent only. Delegates to its parent first
 * (class path and added entries), then uses bytes that came with a bundle, then asks the parent. When it
 * defines a top-level notebook class it sets the class's variables to the parent's values, before any code of
 * the class can run (notebook wrapper classes have no static initializer, so nothing of the cell re-runs).
 */
final class NotebookLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();
    private final Map<String, List<StaticValue>> statics = new ConcurrentHashMap<>();
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

    /** Makes classes and variable values available; those of already defined classes are ignored. */
    void offer(Map<String, byte[]> classes, Map<String, List<StaticValue>> values) {
        classes.forEach((name, code) -> {
            if (findLoadedClass(name) == null) bytes.putIfAbsent(name, code);
        });
        values.forEach((name, vals) -> {
            if (findLoadedClass(name) == null) statics.putIfAbsent(name, vals);
        });
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        NotebookVariableError earlier = failed.get(name);
        if (earlier != null) throw earlier;
        byte[] code = bytes.remove(name);
        List<StaticValue> values = statics.remove(name);
        if (code == null) {
            ClassReply reply = parentSource.apply(name);
            if (reply == null || reply.bytes() == null) throw new ClassNotFoundException(name);
            code = reply.bytes();
            values = reply.statics();
        }
        if (values == null) values = List.of();
        check(name, values);
        Class<?> c = defineClass(name, code, 0, code.length);
        assign(c, values);
        return c;
    }

    private void check(String className, List<StaticValue> values) {
        StringBuilder msg = new StringBuilder();
        for (StaticValue v : values) {
            if (v.error() == null) continue;
            msg.append(msg.length() == 0 ? "" : "; ").append("notebook variable '").append(v.field())
                    .append("' (").append(v.type()).append(") cannot be copied to a child process: ")
                    .append(v.error());
        }
        if (msg.length() > 0) {
            NotebookVariableError e = new NotebookVariableError(msg
                    + " (a child gets a copy of each notebook variable it uses; make the type Serializable"
                    + " or do not use the variable in the child) [in " + className + "]");
            failed.put(className, e);
            throw e;
        }
    }

    private void assign(Class<?> c, List<StaticValue> values) {
        for (StaticValue v : values) {
            try {
                Field f = c.getDeclaredField(v.field());
                f.setAccessible(true);
                f.set(null, Serial.fromBytes(v.value(), this, null));
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
