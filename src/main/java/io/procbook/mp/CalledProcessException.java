package io.procbook.mp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Thrown by {@link Subprocess#run} with {@code check(true)} (and {@link Subprocess#checkOutput}) when the
 * command exits with a non-zero status: Python's {@code CalledProcessError}. Carries the status and whatever
 * output was captured.
 */
public class CalledProcessException extends SubprocessException {

    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final int returncode;
    private final byte[] stdout;
    private final byte[] stderr;

    /**
     * @param command    the command
     * @param returncode its exit status (negative: killed by that signal)
     * @param stdout     captured standard output, or {@code null}
     * @param stderr     captured standard error, or {@code null}
     */
    public CalledProcessException(List<String> command, int returncode, byte[] stdout, byte[] stderr) {
        super("Command " + command + (returncode < 0 ? " died with signal " + -returncode
                : " returned non-zero exit status " + returncode) + ".", null);
        this.command = List.copyOf(command);
        this.returncode = returncode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** @return the command */
    public List<String> command() {
        return command;
    }

    /** @return its exit status */
    public int returncode() {
        return returncode;
    }

    /** @return the captured standard output decoded as UTF-8, or {@code null} if it was not captured */
    public String stdout() {
        return stdout == null ? null : new String(stdout, StandardCharsets.UTF_8);
    }

    /** @return the captured standard error decoded as UTF-8, or {@code null} if it was not captured */
    public String stderr() {
        return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
    }
}
