package io.procbook.mp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs external commands: Python's {@code subprocess} module.
 *
 * <pre>{@code
 * int code = Subprocess.call(List.of("echo", "hello"));              // output goes where ours goes
 * CompletedProcess r = Subprocess.run(List.of("ls", "-l"), Subprocess.options().captureOutput(true));
 * System.out.println(r.exitCode() + " " + r.stdout());
 * var p = new Popen(List.of("cat"), Subprocess.options().stdin(Subprocess.PIPE).stdout(Subprocess.PIPE));
 * CompletedProcess out = p.communicate("fed to stdin");
 * }</pre>
 *
 * <p>A command's output that is not captured goes where this JVM's goes: under the kernel, live into the
 * cell that ran the command; otherwise to {@code System.out}/{@code System.err}. The command is pumped on
 * runtime threads and never blocks on a full pipe. Errors are unchecked: {@link CommandNotFoundException},
 * {@link CalledProcessException} (with {@code check}), {@link TimeoutExpiredException} (with a timeout),
 * {@link UncheckedInterruptedException} (interrupted while waiting; the command is killed by {@code run} and
 * {@code call}). All methods are safe to call from any thread. The waits have no time limit unless a timeout
 * is given, and are interruptible.
 *
 * <p>Processes: commands are plain operating-system processes, not child JVMs. When this JVM exits they are
 * left running, as in Python ({@link Process#terminateAll} ends them); nothing here is Serializable.
 */
public final class Subprocess {

    /** Where a standard stream of a command goes. */
    public enum Redirect {
        /** the same place as this JVM's (the cell, under the kernel) */
        INHERIT,
        /** a pipe this program reads or writes ({@link Popen#stdout()}, {@link Popen#communicate}) */
        PIPE,
        /** nowhere ({@code /dev/null}) */
        DEVNULL,
        /** for stderr only: into the same place as stdout */
        STDOUT
    }

    /** {@link Redirect#PIPE}, under Python's name. */
    public static final Redirect PIPE = Redirect.PIPE;
    /** {@link Redirect#DEVNULL}, under Python's name. */
    public static final Redirect DEVNULL = Redirect.DEVNULL;
    /** {@link Redirect#STDOUT}, under Python's name. */
    public static final Redirect STDOUT = Redirect.STDOUT;

    private Subprocess() { }

    /**
     * Returns new default options.
     *
     * @return fresh default options (everything inherited, no capture, no check, no timeout)
     */
    public static Options options() {
        return new Options();
    }

    /**
     * Runs a command and waits for it; its output goes where this JVM's goes. Python's {@code call}.
     *
     * @param args the program and its arguments
     * @return its exit status
     * @throws CommandNotFoundException      if the program does not exist
     * @throws SubprocessException           if it cannot be started for another reason
     * @throws IllegalArgumentException      if {@code args} is empty
     * @throws UncheckedInterruptedException if interrupted while waiting (the command is killed)
     */
    public static int call(List<String> args) {
        return run(args, options()).exitCode();
    }

    /**
     * Runs a command and waits for it, with options. Python's {@code call}.
     *
     * @param args    the program and its arguments
     * @param options how to run it
     * @return its exit status
     * @throws CommandNotFoundException      if the program does not exist
     * @throws SubprocessException           if it cannot be started for another reason
     * @throws IllegalArgumentException      if {@code args} is empty
     * @throws TimeoutExpiredException       if a timeout was given and expired (the command is killed)
     * @throws UncheckedInterruptedException if interrupted while waiting (the command is killed)
     */
    public static int call(List<String> args, Options options) {
        return run(args, options.copy().check(false)).exitCode();
    }

    /**
     * Runs a command, waits for it and returns its status and captured output. Python's {@code run}.
     *
     * @param args    the program and its arguments
     * @param options capture, text, check, timeout, input, cwd, env, redirections
     * @return the outcome
     * @throws CommandNotFoundException      if the program does not exist
     * @throws SubprocessException           if it cannot be started for another reason, or reading its output
     *                                       failed (the command has been killed)
     * @throws IllegalArgumentException      if {@code args} is empty
     * @throws CalledProcessException        with {@code check(true)}, if the status is not 0
     * @throws TimeoutExpiredException       if the timeout expired (the command has been killed)
     * @throws UncheckedInterruptedException if interrupted while waiting (the command has been killed)
     */
    public static CompletedProcess run(List<String> args, Options options) {
        Options o = options.copy();
        if (o.captureOutput) {
            o.stdout = Redirect.PIPE;
            if (o.stderr != Redirect.STDOUT) o.stderr = Redirect.PIPE;
        }
        if (o.input != null) o.stdin = Redirect.PIPE;
        Popen p = new Popen(args, o);
        CompletedProcess r;
        try {
            r = p.communicate(o.input, o.timeout);
        } catch (TimeoutExpiredException e) {
            p.kill();
            p.waitQuietly();
            throw e;
        } catch (RuntimeException | Error e) {
            p.kill();
            p.waitQuietly();
            throw e;
        }
        if (o.text) r = new CompletedProcess(r.args(), r.exitCode(), universal(r.stdoutBytes()),
                universal(r.stderrBytes()));
        if (o.check) r.checkExitCode();
        return r;
    }

    /**
     * Runs a command with default options: Python's {@code run(args)}.
     *
     * @param args the program and its arguments
     * @return the outcome (nothing captured)
     * @throws CommandNotFoundException      if the program does not exist
     * @throws SubprocessException           if it cannot be started for another reason
     * @throws IllegalArgumentException      if {@code args} is empty
     * @throws UncheckedInterruptedException if interrupted while waiting (the command has been killed)
     */
    public static CompletedProcess run(List<String> args) {
        return run(args, options());
    }

    /**
     * Runs a command and returns its standard output (UTF-8); fails if it exits non-zero. Python's
     * {@code check_output}.
     *
     * @param args the program and its arguments
     * @return what it printed
     * @throws CalledProcessException        if the status is not 0
     * @throws CommandNotFoundException      if the program does not exist
     * @throws SubprocessException           if it cannot be started for another reason
     * @throws IllegalArgumentException      if {@code args} is empty
     * @throws UncheckedInterruptedException if interrupted while waiting (the command has been killed)
     */
    public static String checkOutput(List<String> args) {
        return run(args, options().stdout(Redirect.PIPE).check(true)).stdout();
    }

    private static byte[] universal(byte[] b) {
        if (b == null) return null;
        String s = new String(b, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * How to run a command: Python's keyword arguments of {@code run}/{@code Popen}. A mutable builder: each
     * setter returns this object. Not safe for concurrent modification; {@code run} and {@code Popen} copy it.
     */
    public static final class Options {
        Redirect stdin = Redirect.INHERIT;
        Redirect stdout = Redirect.INHERIT;
        Redirect stderr = Redirect.INHERIT;
        boolean captureOutput;
        boolean text;
        boolean check;
        Duration timeout;
        byte[] input;
        Path cwd;
        Map<String, String> env;

        Options() { }

        Options copy() {
            Options o = new Options();
            o.stdin = stdin;
            o.stdout = stdout;
            o.stderr = stderr;
            o.captureOutput = captureOutput;
            o.text = text;
            o.check = check;
            o.timeout = timeout;
            o.input = input;
            o.cwd = cwd;
            o.env = env;
            return o;
        }

        /**
         * @param on capture stdout and stderr into the result (Python's {@code capture_output})
         * @return this
         */
        public Options captureOutput(boolean on) {
            captureOutput = on;
            return this;
        }

        /**
         * @param on treat output as text: {@code \r\n} and {@code \r} become {@code \n} (Python's universal
         *           newlines). Output is always available decoded as UTF-8 through {@code stdout()}.
         * @return this
         */
        public Options text(boolean on) {
            text = on;
            return this;
        }

        /**
         * @param on throw {@link CalledProcessException} when the status is not 0
         * @return this
         */
        public Options check(boolean on) {
            check = on;
            return this;
        }

        /**
         * @param t how long the command may run; {@code null} for no limit
         * @return this
         */
        public Options timeout(Duration t) {
            timeout = t;
            return this;
        }

        /**
         * @param data bytes fed to the command's stdin, which is then closed
         * @return this
         */
        public Options input(byte[] data) {
            input = data == null ? null : data.clone();
            return this;
        }

        /**
         * @param text text fed (UTF-8) to the command's stdin, which is then closed
         * @return this
         */
        public Options input(String text) {
            input = text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        /**
         * @param dir the working directory of the command; {@code null} for this JVM's
         * @return this
         */
        public Options cwd(Path dir) {
            cwd = dir;
            return this;
        }

        /**
         * @param environment the command's whole environment (replacing this JVM's, as in Python);
         *                    {@code null} to inherit this JVM's
         * @return this
         */
        public Options env(Map<String, String> environment) {
            env = environment == null ? null : new LinkedHashMap<>(environment);
            return this;
        }

        /**
         * @param r where the command's stdin comes from
         * @return this
         * @throws IllegalArgumentException if {@code r} is {@link Redirect#STDOUT}
         * @throws NullPointerException     if {@code r} is null
         */
        public Options stdin(Redirect r) {
            if (r == Redirect.STDOUT) throw new IllegalArgumentException("stdin cannot be STDOUT");
            stdin = Objects.requireNonNull(r);
            return this;
        }

        /**
         * @param r where the command's stdout goes
         * @return this
         * @throws IllegalArgumentException if {@code r} is {@link Redirect#STDOUT}
         * @throws NullPointerException     if {@code r} is null
         */
        public Options stdout(Redirect r) {
            if (r == Redirect.STDOUT) throw new IllegalArgumentException("stdout cannot be STDOUT");
            stdout = Objects.requireNonNull(r);
            return this;
        }

        /**
         * @param r where the command's stderr goes ({@link Redirect#STDOUT}: with stdout)
         * @return this
         * @throws NullPointerException if {@code r} is null
         */
        public Options stderr(Redirect r) {
            stderr = Objects.requireNonNull(r);
            return this;
        }
    }
}
