package io.procbook.mp;

import java.util.List;

/**
 * Thrown when the program of a command does not exist (Python raises {@code FileNotFoundError}).
 */
public class CommandNotFoundException extends SubprocessException {

    private static final long serialVersionUID = 1L;

    private final List<String> command;

    /**
     * @param command the command that could not be started
     * @param cause   the error from the operating system
     */
    public CommandNotFoundException(List<String> command, Throwable cause) {
        super("No such file or directory: '" + command.get(0) + "' (command " + command + ")", cause);
        this.command = List.copyOf(command);
    }

    /** @return the command that could not be started */
    public List<String> command() {
        return command;
    }
}
