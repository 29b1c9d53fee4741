package io.procbook.mp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of a finished command, from {@link Subprocess#run} or {@link Popen#communicate}: Python's
 * {@code CompletedProcess}. Safe to share between threads once made; the record is shallowly immutable: the
 * command list is an unmodifiable copy, but the byte arrays are shared with whoever made the record and with
 * every caller of {@link #stdoutBytes()} and {@link #stderrBytes()} (do not modify them). Not Serializable.
 *
 * @param args        the command
 * @param exitCode    its exit status (Python's {@code returncode}); negative when this runtime killed it with that signal
 * @param stdoutBytes the captured standard output, or {@code null} if it was not captured
 * @param stderrBytes the captured standard error, or {@code null} if it was not captured
 */
public record CompletedProcess(List<String> args, int exitCode, byte[] stdoutBytes, byte[] stderrBytes) {

    /**
     * Creates the record, copying the command list (the byte arrays are kept as they are).
     *
     * @param args        the command
     * @param exitCode    its exit status (Python's {@code returncode}); negative when this runtime killed it with that signal
     * @param stdoutBytes the captured standard output, or {@code null} if it was not captured
     * @param stderrBytes the captured standard error, or {@code null} if it was not captured
     * @throws NullPointerException if {@code args} is null or holds a null
     */
    public CompletedProcess {
        args = List.copyOf(args);
    }

    /**
     * Returns the exit status, as {@link #exitCode()} does.
     *
     * @return its exit status; negative when this runtime killed it with that signal
     * @deprecated one name for one thing: {@link Process#exitCode()}, {@link Popen#exitCode()} and this
     *             record's {@link #exitCode()}
     */
    @Deprecated
    public int returncode() {
        return exitCode;
    }

    /**
     * Decodes the captured standard output (a new string each call).
     *
     * @return the captured standard output decoded as UTF-8, or {@code null} if it was not captured
     */
    public String stdout() {
        return stdoutBytes == null ? null : new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /**
     * Decodes the captured standard error (a new string each call).
     *
     * @return the captured standard error decoded as UTF-8, or {@code null} if it was not captured
     */
    public String stderr() {
        return stderrBytes == null ? null : new String(stderrBytes, StandardCharsets.UTF_8);
    }

    /**
     * Python's {@code check_returncode()}: throws if the command failed. Never blocks.
     *
     * @return this
     * @throws CalledProcessException if the exit code is not 0
     */
    public CompletedProcess checkExitCode() {
        if (exitCode != 0) throw new CalledProcessException(args, exitCode, stdoutBytes, stderrBytes);
        return this;
    }

    /**
     * Throws if the command failed, as {@link #checkExitCode()} does.
     *
     * @return this
     * @throws CalledProcessException if the exit code is not 0
     * @deprecated one name for one thing: use {@link #checkExitCode()}
     */
    @Deprecated
    public CompletedProcess checkReturncode() {
        return checkExitCode();
    }

    /**
     * Compares by value, the byte arrays by content.
     *
     * @param o the object to compare with
     * @return whether {@code o} is a {@code CompletedProcess} with equal components
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CompletedProcess c && c.exitCode == exitCode && c.args.equals(args)
                && Arrays.equals(c.stdoutBytes, stdoutBytes) && Arrays.equals(c.stderrBytes, stderrBytes);
    }

    /**
     * Hashes by value, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * (31 * args.hashCode() + exitCode) + Arrays.hashCode(stdoutBytes) * 7 + Arrays.hashCode(stderrBytes);
    }

    /**
     * Describes the outcome, with the captured output decoded.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "CompletedProcess(args=" + args + ", returncode=" + exitCode
                + (stdoutBytes == null ? "" : ", stdout=" + stdout())
                + (stderrBytes == null ? "" : ", stderr=" + stderr()) + ")";
    }
}
