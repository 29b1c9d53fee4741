package io.procbook.shell;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;

import java.lang.reflect.Field;

/**
 * Loads a snippet's classes as javac wrote them, where JShell could not weave its stop checks into them.
 *
 * <p>From JDK 24 on, {@code LocalExecutionControl.load} rewrites every class with the ClassFile API to add its
 * stop checks, and that API's default class hierarchy resolver looks classes up through the system class
 * loader. A method that merges two cell-defined types at a branch ({@code c ? new Dog() : new Cat()}) needs
 * their common supertype for its stack map, cannot find those classes there, and the whole load fails with an
 * {@link IllegalArgumentException} (plain {@code jshell --execution local} dies of it). Such classes are
 * loaded here, unwoven, through the loader JShell would have used: nothing changes for them but that an
 * interrupt reaches their loops as {@link Thread#interrupt()} only (the engine's other ways to stop a cell
 * still apply). The loader is read from {@link DirectExecutionControl}'s private field, which the kernel jar's
 * manifest opens ({@code jdk.jshell/jdk.jshell.execution}); where it is not open the original failure stands.
 */
final class UnwovenLoad {

    private static final Field DELEGATE = delegateField();

    private UnwovenLoad() { }

    private static Field delegateField() {
        try {
            Field f = DirectExecutionControl.class.getDeclaredField("loaderDelegate");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not open to us, or another JDK's layout: the weaving failure is reported as it is
        }
    }

    /** Whether {@code e} came from weaving stop checks (the ClassFile API), not from loading itself. */
    static boolean isWeavingFailure(IllegalArgumentException e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("jdk.internal.classfile.")
                    || f.getClassName().startsWith("java.lang.classfile.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads {@code cbcs} without stop checks.
     *
     * @param control  the control whose loader JShell uses
     * @param cbcs     the classes, as javac wrote them
     * @param weaving  the failure to report if this cannot be done here
     * @throws IllegalArgumentException {@code weaving}, where the loader cannot be reached
     */
    static void load(DirectExecutionControl control, ClassBytecodes[] cbcs, IllegalArgumentException weaving)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        if (DELEGATE == null) throw weaving;
        LoaderDelegate loader;
        try {
            loader = (LoaderDelegate) DELEGATE.get(control);
        } catch (IllegalAccessException e) {
            weaving.addSuppressed(e);
            throw weaving;
        }
        loader.load(cbcs);
    }
}
