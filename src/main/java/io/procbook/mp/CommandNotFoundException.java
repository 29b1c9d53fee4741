package io.procbook.mp;

import java.util.List;

/**
 * Thrown when the program of a command does not exist (Python raises {@code FileNotFoundError}).
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class CommandNotFoundException extends SubprocessException {

    private static final long serialVersionUID = 1L;

    /** The command that could not be started. */
    private final List<String> command;

    /**
     * Creates the exception; its message names the program and the command.
     *
     * @param command the command that could not be started
     * @param cause   the error from the operating system
     * @throws NullPointerException      if {@code command} is null or holds a null
     * @throws IndexOutOfBoundsException if {@code command} is empty
     */
    public CommandNotFoundException(List<String> command, Throwable cause) {
        super("No such file or directory: '" + command.get(0) + "' (command " + command + ")", cause);
        this.command = List.copyOf(command);
    }

    /**
     * Returns the command that could not be started.
     *
     * @return the command, unmodifiable
     */
    public List<String> command() {
        return command;
    }
}
