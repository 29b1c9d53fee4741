package io.procbook.mp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of a finished command, from {@link Subprocess#run} or {@link Popen#communicate}: Python's
 * {@code CompletedProcess}. Immutable.
 *
 * @param args        the command
 * @param returncode  its exit status; negative when this runtime killed it with that signal
 * @param stdoutBytes the captured standard output, or {@code null} if it was not captured
 * @param stderrBytes the captured standard error, or {@code null} if it was not captured
 */
public record CompletedProcess(List<String> args, int returncode, byte[] stdoutBytes, byte[] stderrBytes) {

    /** Copies the command list. */
    public CompletedProcess {
        args = List.copyOf(args);
    }

    /** @return the captured standard output decoded as UTF-8, or {@code null} if it was not captured */
    public String stdout() {
        return stdoutBytes == null ? null : new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** @return the captured standard error decoded as UTF-8, or {@code null} if it was not captured */
    public String stderr() {
        return stderrBytes == null ? null : new String(stderrBytes, StandardCharsets.UTF_8);
    }

    /**
     * Python's {@code check_returncode()}.
     *
     * @return this
     * @throws CalledProcessException if the return code is not 0
     */
    public CompletedProcess checkReturncode() {
        if (returncode != 0) throw new CalledProcessException(args, returncode, stdoutBytes, stderrBytes);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompletedProcess c && c.returncode == returncode && c.args.equals(args)
                && Arrays.equals(c.stdoutBytes, stdoutBytes) && Arrays.equals(c.stderrBytes, stderrBytes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * args.hashCode() + returncode) + Arrays.hashCode(stdoutBytes) * 7 + Arrays.hashCode(stderrBytes);
    }

    @Override
    public String toString() {
        return "CompletedProcess(args=" + args + ", returncode=" + returncode
                + (stdoutBytes == null ? "" : ", stdout=" + stdout())
                + (stderrBytes == null ? "" : ", stderr=" + stderr()) + ")";
    }
}
