package io.procbook.mp;

import io.procbook.mp.Subprocess.Redirect;
import io.procbook.mp.internal.CommandChild;
import io.procbook.mp.internal.CommandSessions;
import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.spi.Hooks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running external command with access to its pipes: Python's {@code subprocess.Popen}.
 *
 * <pre>{@code
 * var p = new Popen(List.of("sort"), Subprocess.options().stdin(Subprocess.PIPE).stdout(Subprocess.PIPE));
 * CompletedProcess r = p.communicate("b\na\n");   // r.stdout() is "a\nb\n", r.exitCode() is 0
 * }</pre>
 *
 * <p>By default (as in Python) every stream is inherited: the command's output goes where this JVM's goes
 * (under the kernel, into the cell). Streams set to {@link Subprocess#PIPE} are read with
 * {@link #communicate}, or directly through {@link #stdin()}, {@link #stdout()}, {@link #stderr()}.
 *
 * <p>Return codes: the exit status, or minus the signal number if this object's {@link #terminate()} or
 * {@link #kill()} ended the command. Safe to use from several threads; {@code communicate} may be called again
 * after a timeout and continues where it stopped (the input is sent only by the first call).
 *
 * <p>Waits ({@link #communicate}, {@link #waitFor}) have no time limit unless given one and are interruptible:
 * an interrupt throws {@link UncheckedInterruptedException} and leaves the command running. The command is a
 * plain operating-system process: it is left running when this JVM exits (as in Python), unless a host made
 * commands its own ({@link io.procbook.mp.spi.Hooks#setCommandSessions}; the notebook kernel does): it then
 * leads a session of its own, and the host's interrupt, restart or shutdown, or this JVM's death, ends it
 * with everything it started. {@link #terminate()} and {@link #kill()} signal the command alone, as Python's
 * do. A {@code Popen} is not Serializable.
 */
public final class Popen {

    private final List<String> args;
    private final Subprocess.Options options;
    private final java.lang.Process process;
    private final CommandChild child;
    private Collector out;
    private Collector err;
    private boolean inputSent;

    /**
     * Starts a command with every stream inherited.
     *
     * @param args the program and its arguments
     * @throws CommandNotFoundException if the program does not exist
     * @throws SubprocessException      if it cannot be started for another reason
     * @throws IllegalArgumentException if {@code args} is empty
     */
    public Popen(List<String> args) {
        this(args, Subprocess.options());
    }

    /**
     * Starts a command.
     *
     * @param args    the program and its arguments
     * @param options redirections, cwd, env (capture, check, input and timeout are for {@code run})
     * @throws CommandNotFoundException if the program does not exist
     * @throws SubprocessException      if it cannot be started for another reason
     * @throws IllegalArgumentException if {@code args} is empty
     * @throws NullPointerException     if {@code args}, an element of it, or {@code options} is null
     */
    public Popen(List<String> args, Subprocess.Options options) {
        if (args.isEmpty()) throw new IllegalArgumentException("empty command");
        this.args = List.copyOf(args);
        this.options = options.copy();
        List<String> inSession;
        try {
            inSession = Hooks.commandSessions()
                    ? CommandSessions.sessionCommandLine(this.args, this.options.cwd) : null;
        } catch (FileNotFoundException e) {
            throw new CommandNotFoundException(this.args, e);
        }
        List<String> command = inSession != null ? inSession : this.args;
        ProcessBuilder pb = new ProcessBuilder(command);
        if (this.options.cwd != null) pb.directory(this.options.cwd.toFile());
        if (this.options.env != null) {
            pb.environment().clear();
            pb.environment().putAll(this.options.env);
        }
        pb.redirectInput(switch (this.options.stdin) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(new File("/dev/null"));
            default -> ProcessBuilder.Redirect.INHERIT;
        });
        // Inherited output is piped and pumped, so that it can go into the cell (or System.out, which a host
        // or a test may have replaced) rather than to this JVM's file descriptor 1.
        pb.redirectOutput(this.options.stdout == Redirect.DEVNULL ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.PIPE);
        if (this.options.stderr == Redirect.STDOUT) pb.redirectErrorStream(true);
        else pb.redirectError(this.options.stderr == Redirect.DEVNULL ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.PIPE);
        try {
            process = pb.start();
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("error=2,") || m.contains("No such file")) throw new CommandNotFoundException(this.args, e);
            throw new SubprocessException("cannot run " + this.args + ": " + m, e);
        }
        child = CommandChild.adopt(process, this.args, this.options.stdout == Redirect.INHERIT,
                this.options.stderr == Redirect.INHERIT, inSession != null);
    }

    /**
     * Feeds {@code input} to stdin (then closes it), reads stdout and stderr to their ends, and waits for the
     * command to exit. Python's {@code communicate}.
     *
     * @param input bytes for stdin, or {@code null}
     * @param timeout how long to wait at most, or {@code null} for no limit
     * @return the exit status and the output of the streams that are {@link Subprocess#PIPE}s ({@code null}
     *         for the others)
     * @throws IllegalStateException         if input is given but stdin is not a pipe
     * @throws TimeoutExpiredException       if the timeout expires (the command keeps running; the output so
     *                                       far is in the exception, and a later call goes on collecting)
     * @throws SubprocessException           if reading the output failed
     * @throws UncheckedInterruptedException if interrupted while waiting (the command keeps running)
     */
    public CompletedProcess communicate(byte[] input, Duration timeout) {
        startCollecting(input);
        CompletableFuture<?> all = CompletableFuture.allOf(out.done, err.done, child.onExit());
        try {
            if (timeout == null) all.get();
            else all.get(Math.max(0, Blocking.saturatedNanos(timeout)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutExpiredException(args, timeout, out.bytes(), err.bytes());
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw new SubprocessException("reading the output of " + args + " failed", e.getCause());
        }
        return new CompletedProcess(args, child.onExit().join(), out.bytes(), err.bytes());
    }

    /**
     * {@link #communicate(byte[], Duration)} with text input (UTF-8) and no timeout.
     *
     * @param input text for stdin, or {@code null}
     * @return the exit status and the piped output
     * @throws IllegalStateException         if input is given but stdin is not a pipe
     * @throws SubprocessException           if reading the output failed
     * @throws UncheckedInterruptedException if interrupted while waiting (the command keeps running)
     */
    public CompletedProcess communicate(String input) {
        return communicate(input == null ? null : input.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * {@link #communicate(byte[], Duration)} with no input and no timeout.
     *
     * @return the exit status and the piped output
     * @throws SubprocessException           if reading the output failed
     * @throws UncheckedInterruptedException if interrupted while waiting (the command keeps running)
     */
    public CompletedProcess communicate() {
        return communicate(null, null);
    }

    private synchronized void startCollecting(byte[] input) {
        if (input != null && options.stdin != Redirect.PIPE) {
            throw new IllegalStateException("input given but stdin is not Subprocess.PIPE");
        }
        if (out == null) {
            out = options.stdout == Redirect.PIPE ? Collector.start(process.getInputStream(), "out") : Collector.NONE;
            err = options.stderr == Redirect.PIPE ? Collector.start(process.getErrorStream(), "err") : Collector.NONE;
        }
        if (!inputSent && options.stdin == Redirect.PIPE) {
            inputSent = true;
            Thread w = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    if (input != null) in.write(input);
                } catch (IOException brokenPipe) {
                    // the command exited without reading all of it; Python ignores this too
                }
            }, "procbook-cmd-in-" + process.pid());
            w.setDaemon(true);
            w.start();
        }
    }

    /**
     * Waits, with no time limit, for the command to exit. Does not read its pipes: a command blocked writing
     * to a full {@link Subprocess#PIPE} nobody reads never exits (use {@link #communicate}).
     *
     * @return its return code
     * @throws UncheckedInterruptedException if interrupted while waiting (the command keeps running)
     */
    public int waitFor() {
        try {
            return child.onExit().get();
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw new SubprocessException("waiting for " + args + " failed", e.getCause());
        }
    }

    /**
     * Waits at most {@code timeout} for the command to exit. Python's {@code wait(timeout)}.
     *
     * @param timeout how long to wait; zero or negative only checks
     * @return its return code
     * @throws TimeoutExpiredException       if it is still running then (it keeps running)
     * @throws UncheckedInterruptedException if interrupted while waiting (the command keeps running)
     * @throws NullPointerException          if {@code timeout} is null
     */
    public int waitFor(Duration timeout) {
        try {
            return child.onExit().get(Math.max(0, Blocking.saturatedNanos(timeout)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutExpiredException(args, timeout, null, null);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw new SubprocessException("waiting for " + args + " failed", e.getCause());
        }
    }

    void waitQuietly() {
        try {
            child.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the command was killed; the caller is already reporting a failure
        }
    }

    /**
     * Checks, without waiting, whether the command has exited (Python's {@code poll()}).
     *
     * @return the return code, or {@code null} while the command runs
     */
    public Integer poll() {
        return child.onExit().getNow(null);
    }

    /**
     * Returns the exit code without waiting (Python's {@code returncode}, named as {@link Process#exitCode()});
     * the same as {@link #poll()}.
     *
     * @return the exit code (negative: killed by that signal), or {@code null} while the command runs
     */
    public Integer exitCode() {
        return poll();
    }

    /**
     * Returns the exit code without waiting, as {@link #exitCode()} does.
     *
     * @return the exit code, or {@code null} while the command runs
     * @deprecated one name for one thing: use {@link #exitCode()}
     */
    @Deprecated
    public Integer returncode() {
        return exitCode();
    }

    /**
     * Sends SIGTERM; does nothing if the command has exited. Does not wait. The pipes stay open, as in Python:
     * what the command wrote before the signal, or writes while handling it, is still read by
     * {@link #communicate}, {@link #stdout()} or the cell, and {@link #waitFor} and {@code communicate} work
     * as before.
     */
    public void terminate() {
        child.terminateCommand();
    }

    /**
     * Sends SIGKILL; does nothing if the command has exited. Does not wait. The pipes stay open, so output
     * written before the signal is still read.
     */
    public void kill() {
        child.killCommand();
    }

    /**
     * Returns the command's process id.
     *
     * @return the command's process id
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Returns the command line.
     *
     * @return the command line, unmodifiable
     */
    public List<String> args() {
        return args;
    }

    /**
     * Returns the pipe to the command's stdin. Writes to it block while the pipe is full.
     *
     * @return the command's stdin
     * @throws IllegalStateException if stdin is not a pipe
     */
    public OutputStream stdin() {
        if (options.stdin != Redirect.PIPE) throw new IllegalStateException("stdin is not Subprocess.PIPE");
        return process.getOutputStream();
    }

    /**
     * Returns the pipe from the command's stdout. Reads from it block until the command writes or exits.
     *
     * @return the command's stdout (do not mix with {@link #communicate})
     * @throws IllegalStateException if stdout is not a pipe
     */
    public InputStream stdout() {
        if (options.stdout != Redirect.PIPE) throw new IllegalStateException("stdout is not Subprocess.PIPE");
        return process.getInputStream();
    }

    /**
     * Returns the pipe from the command's stderr. Reads from it block until the command writes or exits.
     *
     * @return the command's stderr (do not mix with {@link #communicate})
     * @throws IllegalStateException if stderr is not a pipe
     */
    public InputStream stderr() {
        if (options.stderr != Redirect.PIPE) throw new IllegalStateException("stderr is not Subprocess.PIPE");
        return process.getErrorStream();
    }

    @Override
    public String toString() {
        Integer rc = poll();
        return "Popen(args=" + args + ", pid=" + pid() + (rc == null ? ", running" : ", returncode=" + rc) + ")";
    }

    /** Reads one pipe to its end on its own thread, keeping what it read so far available. */
    private static final class Collector {
        static final Collector NONE = new Collector();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final ByteArrayOutputStream buf;

        private Collector() {
            buf = null;
            done.complete(null);
        }

        private Collector(ByteArrayOutputStream buf) {
            this.buf = buf;
        }

        static Collector start(InputStream in, String which) {
            Collector c = new Collector(new ByteArrayOutputStream());
            Thread t = new Thread(() -> {
                byte[] b = new byte[1 << 16];
                try (in) {
                    int n;
                    while ((n = in.read(b)) >= 0) {
                        synchronized (c) {
                            c.buf.write(b, 0, n);
                        }
                    }
                    c.done.complete(null);
                } catch (IOException e) {
                    c.done.complete(null); // stream closed under us: what we have is all there is
                }
            }, "procbook-cmd-" + which);
            t.setDaemon(true);
            t.start();
            return c;
        }

        synchronized byte[] bytes() {
            return buf == null ? null : buf.toByteArray();
        }
    }
}
