package io.procbook.mp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Thrown when a command does not finish within the timeout given to {@link Subprocess#run},
 * {@link Popen#communicate} or {@link Popen#waitFor(Duration)}: Python's {@code TimeoutExpired}. {@code run}
 * has killed the command by then; {@code Popen} leaves it running so the caller can decide. Carries the output
 * captured so far. It is the subprocess form of {@link UncheckedTimeoutException}, which every other timeout
 * of this library throws; catching that catches this too.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class TimeoutExpiredException extends UncheckedTimeoutException {

    private static final long serialVersionUID = 1L;

    /** The command that timed out. */
    private final List<String> command;
    /** The timeout that expired. */
    private final Duration timeout;
    /** The standard output captured so far, or {@code null}. */
    private final byte[] stdout;
    /** The standard error captured so far, or {@code null}. */
    private final byte[] stderr;

    /**
     * Creates the exception; its message names the command and the timeout in seconds. The byte arrays are
     * kept, not copied.
     *
     * @param command the command
     * @param timeout the timeout that expired
     * @param stdout  output captured so far, or {@code null}
     * @param stderr  error output captured so far, or {@code null}
     * @throws NullPointerException if {@code command} or {@code timeout} is null, or {@code command} holds a
     *                              null
     */
    public TimeoutExpiredException(List<String> command, Duration timeout, byte[] stdout, byte[] stderr) {
        super("Command " + command + " timed out after " + timeout.toMillis() / 1000.0 + " seconds");
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Returns the command that timed out.
     *
     * @return the command, unmodifiable
     */
    public List<String> command() {
        return command;
    }

    /**
     * Returns the timeout that expired.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the standard output captured before the timeout.
     *
     * @return the standard output captured before the timeout (UTF-8), or {@code null}
     */
    public String stdout() {
        return stdout == null ? null : new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Returns the standard error captured before the timeout.
     *
     * @return the standard error captured before the timeout (UTF-8), or {@code null}
     */
    public String stderr() {
        return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
    }
}
