package io.procbook.mp.internal;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Every reach of the runtime into members that Java's access rules close to it, in one place and each with its
 * reason. Everywhere else the runtime names its classes by class literal, so that a refactoring tool sees every
 * use; what must stay reflective reaches here by a typed method, found the same way. Stateless and safe for use
 * by many threads; a member that is missing or closed throws the JDK's reflective exception, for the caller to
 * report in its own words.
 */
public final class PrivateAccess {

    private PrivateAccess() { }

    /**
     * The envelope every {@code Process} task travels in: a class private to {@code io.procbook.mp.Process}, since
     * nothing but a child should ever build one. A child's warm-up and its rehearsal of a first task (in
     * {@code internal.child}) must load it and build one as a parent would. Found as the one nested class of
     * the process class that is a {@link ChildEntry}, not by its name, so renaming it breaks nothing; the
     * caller names the process class by class literal (this package does not depend on the public one).
     *
     * @param processClass {@code io.procbook.mp.Process.class}
     * @return the class of its task envelope
     * @throws IllegalStateException if it has no such nested class (a build error)
     */
    public static Class<? extends ChildEntry> processEntryClass(Class<?> processClass) {
        for (Class<?> c : processClass.getDeclaredClasses()) {
            if (ChildEntry.class.isAssignableFrom(c)) return c.asSubclass(ChildEntry.class);
        }
        throw new IllegalStateException(processClass.getName() + " has no nested " + ChildEntry.class.getName());
    }

    /**
     * Reason: see {@link #processEntryClass}; its constructor taking the process is private to it.
     *
     * @param processClass {@code io.procbook.mp.Process.class}
     * @param process      the process whose task the envelope carries
     * @return a new envelope, as {@code Process.start()} makes one
     * @throws ReflectiveOperationException if the constructor is missing, closed or fails
     */
    public static <P> ChildEntry newProcessEntry(Class<P> processClass, P process)
            throws ReflectiveOperationException {
        Constructor<? extends ChildEntry> c = processEntryClass(processClass).getDeclaredConstructor(processClass);
        c.setAccessible(true);
        return c.newInstance(process);
    }

    /**
     * The JDK's serialized form of a serializable lambda: the private {@code writeReplace} method that the
     * lambda metafactory gives its hidden class, which nothing outside the JDK may call by name. Reason: a
     * {@code LambdaCopy} is made from it without serializing the lambda.
     *
     * @param lambda an instance of a lambda's hidden class
     * @return what the lambda's {@code writeReplace} returns
     * @throws ReflectiveOperationException if the class has no such method or it is closed to this module
     */
    public static Object lambdaWriteReplace(Object lambda) throws ReflectiveOperationException {
        Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
        writeReplace.setAccessible(true);
        return writeReplace.invoke(lambda);
    }

    /**
     * Links a lambda from its serialized form through the capturing class's private synthetic
     * {@code $deserializeLambda$} method, as {@code SerializedLambda.readResolve} does. Reason: a
     * {@code LambdaCopy} that cannot be rebuilt from its method handle falls back to the JDK's own way.
     *
     * @param capturing the class whose code contains the lambda
     * @param form      the lambda's serialized form
     * @return the linked lambda
     * @throws InvocationTargetException    if {@code $deserializeLambda$} throws (its cause)
     * @throws ReflectiveOperationException if the method is missing or closed
     */
    public static Object deserializeLambda(Class<?> capturing, SerializedLambda form)
            throws ReflectiveOperationException {
        Method m = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
        m.setAccessible(true);
        return m.invoke(null, form);
    }

    /**
     * Reads a static field of a notebook class. Reason: JShell's wrapper classes, which hold a notebook's
     * variables as static fields, are package-private to JShell's own package; the parent reads a variable's
     * value to ship it to a child ({@link #setNotebookVariable} writes it there), and the shell reads one to
     * inspect it (Shift+Tab on a variable).
     *
     * @param variable a static field of a class defined from a notebook cell
     * @return its value
     * @throws IllegalAccessException if the field cannot be opened
     */
    public static Object notebookVariable(Field variable) throws IllegalAccessException {
        variable.setAccessible(true);
        return variable.get(null);
    }

    /**
     * Writes a static field of a child's copy of a notebook class; the reason is that of
     * {@link #notebookVariable}.
     *
     * @param notebookClass the child's copy of a class defined from a notebook cell
     * @param name          the variable's field name
     * @param value         the value the parent shipped
     * @throws ReflectiveOperationException if the class has no such field or it cannot be written
     */
    public static void setNotebookVariable(Class<?> notebookClass, String name, Object value)
            throws ReflectiveOperationException {
        Field f = notebookClass.getDeclaredField(name);
        f.setAccessible(true);
        f.set(null, value);
    }
}
