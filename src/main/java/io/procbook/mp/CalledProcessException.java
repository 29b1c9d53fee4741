package io.procbook.mp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Thrown by {@link Subprocess#run} with {@code check(true)} (and {@link Subprocess#checkOutput}) when the
 * command exits with a non-zero status: Python's {@code CalledProcessError}. Carries the status and whatever
 * output was captured.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class CalledProcessException extends SubprocessException {

    private static final long serialVersionUID = 1L;

    /** The command and its arguments. */
    private final List<String> command;
    /** The exit status; negative: the number of the signal that killed it. */
    private final int returncode;
    /** The captured standard output, or {@code null}. */
    private final byte[] stdout;
    /** The captured standard error, or {@code null}. */
    private final byte[] stderr;

    /**
     * Creates the exception; its message names the command and the status (or signal). The byte arrays are
     * kept, not copied.
     *
     * @param command    the command
     * @param returncode its exit status (negative: killed by that signal)
     * @param stdout     captured standard output, or {@code null}
     * @param stderr     captured standard error, or {@code null}
     * @throws NullPointerException if {@code command} is null or holds a null
     */
    public CalledProcessException(List<String> command, int returncode, byte[] stdout, byte[] stderr) {
        super("Command " + command + (returncode < 0 ? " died with signal " + -returncode
                : " returned non-zero exit status " + returncode) + ".", null);
        this.command = List.copyOf(command);
        this.returncode = returncode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Returns the command that failed.
     *
     * @return the command, unmodifiable
     */
    public List<String> command() {
        return command;
    }

    /**
     * Returns the command's exit status (Python's {@code returncode}, named as {@link Process#exitCode()}).
     *
     * @return its exit status (negative: killed by that signal)
     */
    public int exitCode() {
        return returncode;
    }

    /**
     * Returns the command's exit status, as {@link #exitCode()} does.
     *
     * @return its exit status (negative: killed by that signal)
     * @deprecated one name for one thing: use {@link #exitCode()}
     */
    @Deprecated
    public int returncode() {
        return returncode;
    }

    /**
     * Returns the captured standard output.
     *
     * @return the captured standard output decoded as UTF-8, or {@code null} if it was not captured
     */
    public String stdout() {
        return stdout == null ? null : new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Returns the captured standard error.
     *
     * @return the captured standard error decoded as UTF-8, or {@code null} if it was not captured
     */
    public String stderr() {
        return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
    }
}
