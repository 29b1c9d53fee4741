package io.procbook.mp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Thrown when a command does not finish within the timeout given to {@link Subprocess#run},
 * {@link Popen#communicate} or {@link Popen#waitFor(Duration)}: Python's {@code TimeoutExpired}. {@code run}
 * has killed the command by then; {@code Popen} leaves it running so the caller can decide. Carries the output
 * captured so far.
 */
public class TimeoutExpiredException extends UncheckedTimeoutException {

    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final Duration timeout;
    private final byte[] stdout;
    private final byte[] stderr;

    /**
     * @param command the command
     * @param timeout the timeout that expired
     * @param stdout  output captured so far, or {@code null}
     * @param stderr  error output captured so far, or {@code null}
     */
    public TimeoutExpiredException(List<String> command, Duration timeout, byte[] stdout, byte[] stderr) {
        super("Command " + command + " timed out after " + timeout.toMillis() / 1000.0 + " seconds");
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** @return the command */
    public List<String> command() {
        return command;
    }

    /** @return the timeout that expired */
    public Duration timeout() {
        return timeout;
    }

    /** @return the standard output captured before the timeout (UTF-8), or {@code null} */
    public String stdout() {
        return stdout == null ? null : new String(stdout, StandardCharsets.UTF_8);
    }

    /** @return the standard error captured before the timeout (UTF-8), or {@code null} */
    public String stderr() {
        return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
    }
}
