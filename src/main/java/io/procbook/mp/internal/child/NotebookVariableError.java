package io.procbook.mp.internal.child;

/**
 * Thrown in a child when it loads a notebook class holding a variable whose value could not be copied from
 * the parent. A {@link LinkageError} because it happens where the JVM resolves that class, and such errors
 * reach user code unchanged (a ClassNotFoundException would be wrapped in a NoClassDefFoundError).
 */
public class NotebookVariableError extends LinkageError {

    private static final long serialVersionUID = 1L;

    /** @param message names the variable(s), their types and why they could not be copied */
    public NotebookVariableError(String message) {
        super(message);
    }
}
