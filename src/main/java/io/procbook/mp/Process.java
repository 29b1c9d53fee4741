package io.procbook.mp;

import io.procbook.mp.internal.Parcel;
import io.procbook.mp.internal.ParcelWriter;
import io.procbook.mp.internal.ChildContext;
import io.procbook.mp.internal.ChildEntry;
import io.procbook.mp.internal.ChildJvm;
import io.procbook.mp.internal.Children;
import io.procbook.mp.internal.Serial;
import io.procbook.mp.internal.Transit;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.internal.lambda.LambdaCopy;
import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.ClassSource;
import io.procbook.mp.spi.Hooks;

import java.io.IOException;
import java.io.Externalizable;
import java.io.ObjectInput;
import java.io.ObjectInputStream;
import java.io.ObjectOutput;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task running in its own operating-system process: a child JVM. Python's
 * {@code multiprocessing.Process}, in Java.
 *
 * <p><b>The name.</b> In a notebook cell, {@code Process} is this class, not the JDK's
 * {@link java.lang.Process}: the kernel imports it by name, as Python's name is the point. Write the JDK's by
 * its full name, {@code java.lang.Process} (what {@link Popen} and {@code ProcessBuilder} give you).
 *
 * <p>Give it a target and arguments, or subclass it and override {@link #run()}; then {@link #start()} it:
 * <pre>{@code
 * var p = new Process(name -> System.out.println("hello " + name), "bob");
 * p.start();
 * p.join();
 * class P extends Process { public void run() { System.out.println(name() + " in " + pid()); } }
 * new P().start();
 * }</pre>
 *
 * <p><b>What the child gets.</b> The Process object itself (with its target, arguments and, for a subclass,
 * its fields) is serialized and sent to the child, which calls {@link #run()} on its copy. Code defined in a
 * notebook cell runs there too: the child loads the notebook's classes from the parent. The child sees a copy
 * of every notebook variable it uses, with the value it had when {@code start()} was called; neither side sees
 * what the other changes afterwards, as after a {@code fork()}. Values the child's code does not read are
 * not copied. A variable whose value is not Serializable makes the child fail, when it first uses the
 * variable, with an error that names it; one the child's code does not read never does. A lambda or method
 * reference target is rebuilt in the child around its implementation method rather than through the JDK's
 * lambda deserialization (which takes several times longer): it runs the same code with copies of the same
 * captured values and serializes the same, but its class there is a runtime class, not a lambda class, and
 * its frame appears in stack traces as {@code RebuiltTask$NoArgs.run}.
 *
 * <p>Shared objects (a {@link Queue}, a {@link Connection}...) among what the child gets are the child's
 * copies, as a forked child's descriptors are: they stay usable by the child even if this process closes its
 * own objects right after {@code start()}, and they count as open until the child closes them or exits, even
 * if its code never opens them (close the pipe ends a child does not need in the child, as in Python).
 *
 * <p><b>How it ends.</b> {@link #exitCode()} is 0 when {@code run()} returns, 1 when it throws (the child
 * prints the stack trace on its stderr, and {@link #exception()} returns the exception), the argument of a
 * {@code System.exit} called in the child, and minus the signal number when the child was killed by a signal
 * ({@code -15} after {@link #terminate()}, {@code -9} after {@link #kill()}). A child never outlives this JVM
 * by more than about a second, even after {@code kill -9}. Daemon children are terminated when this JVM exits
 * or when the {@link #runMain} block that started them ends; non-daemon children are waited for.
 *
 * <p><b>Threads.</b> The methods may be called from any thread; a {@code Process} is safe to share between
 * threads (its state is volatile, and {@link #start()} and {@link #daemon(boolean)} synchronize on it). All
 * blocking methods throw unchecked exceptions: {@link UncheckedInterruptedException} (with the interrupt flag
 * set again) when interrupted. Misuse (start twice, join before start, daemon after start) throws
 * {@link IllegalStateException}.
 *
 * <p><b>Processes.</b> Only the process that started a child can join, terminate or kill it. A
 * {@code Process} is Serializable, but a copy received by another process (say, as an argument of a child's
 * target) does not stand for the original child: it is an unstarted copy with the same name, so
 * {@code join()}, {@code pid()}, {@code terminate()} and {@code kill()} throw {@link IllegalStateException}
 * there, and {@code start()} would start a second, separate child. If the process that started a child dies,
 * the child is ended within about a second.
 */
public class Process implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Process current;
    private static final Process MAIN = new Process(Role.MAIN, "MainProcess", ProcessHandle.current().pid(), "");

    private enum Role { CHILD, MAIN, PARENT_VIEW }

    /** Whether this object is a child to start, or stands for the main or the parent process. */
    private final Role role;
    /** Python's {@code _identity}: the position among its creator's children, e.g. {@code 3} or {@code 2:1}. */
    private final String identity;
    /** The display name. */
    private volatile String name;
    /** Whether the child is terminated, rather than waited for, when its parent ends. */
    private volatile boolean daemon;
    /**
     * The {@link Task}, {@link Task1}, {@link Task2} or {@link Task3} to run, or {@code null}. Serialized by
     * {@link #writeObject} (a lambda as a {@link LambdaCopy}, which a child rebuilds faster); assigned only
     * by the constructors and by {@link #readObject}.
     */
    private transient Object target;
    /** The target's arguments. */
    private final Object[] args;
    /** The name of the process that started this one; set by {@link #start()} for the child's copy. */
    private String parentName;
    /** The pid of the process that started this one; set by {@link #start()} for the child's copy. */
    private long parentPid;

    private transient volatile boolean started;
    private transient volatile boolean closed;
    private transient volatile ChildJvm jvm;
    private transient volatile Throwable exception;
    /** Set in the child on the copy that runs, and on the parent and main views: the pid they stand for. */
    private transient long ownPid;

    /** Creates a process whose {@link #run()} does nothing unless a subclass overrides it. */
    public Process() {
        this(new Object[0], null);
    }

    /**
     * Creates a process that runs {@code target} in the child.
     *
     * @param target what to run; a lambda typed here is Serializable without a cast; {@code null} runs
     *               nothing
     */
    public Process(Task target) {
        this(new Object[0], target);
    }

    /**
     * Creates a process that runs {@code target.run(a)} in the child (Python's {@code args=(a,)}).
     *
     * @param target what to run
     * @param a      its argument; must be Serializable to reach the child
     * @param <A>    the argument's type
     */
    public <A> Process(Task1<A> target, A a) {
        this(new Object[] {a}, target);
    }

    /**
     * Creates a process that runs {@code target.run(a, b)} in the child.
     *
     * @param target what to run
     * @param a      its first argument
     * @param b      its second argument
     * @param <A>    the first argument's type
     * @param <B>    the second argument's type
     */
    public <A, B> Process(Task2<A, B> target, A a, B b) {
        this(new Object[] {a, b}, target);
    }

    /**
     * Creates a process that runs {@code target.run(a, b, c)} in the child.
     *
     * @param target what to run
     * @param a      its first argument
     * @param b      its second argument
     * @param c      its third argument
     * @param <A>    the first argument's type
     * @param <B>    the second argument's type
     * @param <C>    the third argument's type
     */
    public <A, B, C> Process(Task3<A, B, C> target, A a, B b, C c) {
        this(new Object[] {a, b, c}, target);
    }

    // Arguments first: with the target first this would be as applicable as the Task1 constructor.
    private Process(Object[] args, Object target) {
        this.role = Role.CHILD;
        this.target = target;
        this.args = args;
        Process cur = current;
        String prefix = cur == null || cur.role == Role.MAIN ? "" : cur.identity + ":";
        this.identity = prefix + COUNTER.incrementAndGet();
        String type = getClass() == Process.class || getClass().getSimpleName().isEmpty()
                ? "Process" : getClass().getSimpleName();
        this.name = type + "-" + identity;
        this.daemon = cur != null && cur.role == Role.CHILD && cur.daemon; // Python: inherits the creator's flag
    }

    private Process(Role role, String name, long pid, String identity) {
        this.role = role;
        this.name = name;
        this.ownPid = pid;
        this.identity = identity;
        this.target = null;
        this.args = new Object[0];
    }

    /**
     * What the child runs. By default calls the target given to the constructor with its arguments; a
     * subclass overrides it. Calling it directly runs it in the calling thread, not in a child.
     *
     * @throws Exception whatever the target throws
     */
    public void run() throws Exception {
        if (target instanceof Task t) t.run();
        else if (target instanceof Task1<?> t) run1(t);
        else if (target instanceof Task2<?, ?> t) run2(t);
        else if (target instanceof Task3<?, ?, ?> t) run3(t);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeObject(LambdaCopy.of(target));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        target = in.readObject();
    }

    @SuppressWarnings("unchecked")
    private void run1(Task1<?> t) throws Exception {
        ((Task1<Object>) t).run(args[0]);
    }

    @SuppressWarnings("unchecked")
    private void run2(Task2<?, ?> t) throws Exception {
        ((Task2<Object, Object>) t).run(args[0], args[1]);
    }

    @SuppressWarnings("unchecked")
    private void run3(Task3<?, ?, ?> t) throws Exception {
        ((Task3<Object, Object, Object>) t).run(args[0], args[1], args[2]);
    }

    /**
     * Starts the child: takes a pre-started JVM (or launches one) and sends it this object, the notebook
     * classes it needs and a copy of the notebook variables they use. Returns once the child has its work,
     * without waiting for it to run. Blocks for a JVM launch (about 100 ms, at most the connect timeout)
     * only when no pre-started JVM is ready. That wait is not interruptible as such: an interrupt during it
     * makes the launch fail with the {@code UncheckedIOException} below (its cause a
     * {@link java.nio.channels.ClosedByInterruptException}), and the interrupt status stays set.
     *
     * @throws IllegalStateException    if already started, or closed, or this object stands for the main or
     *                                  parent process
     * @throws IllegalArgumentException if the target, its arguments or a subclass's fields are not
     *                                  Serializable (the message names the class); nothing was started, and
     *                                  {@code start()} may be called again
     * @throws UncheckedIOException     if no child JVM could be launched, or the one obtained died before it
     *                                  took the work; nothing was started, and {@code start()} may be called
     *                                  again
     */
    public void start() {
        synchronized (this) {
            checkChild("start");
            if (started) throw new IllegalStateException("start() called twice: " + name + " was already started");
            checkOpen();
            started = true;
        }
        // The child's copies of shared objects (pipe ends, queues) are held for it until it exits.
        Transit transit = new Transit(true);
        try {
            Process cur = current();
            parentName = cur.name;
            parentPid = ProcessHandle.current().pid();
            ClassSource source = Hooks.classSource();
            Parcel parcel = ParcelWriter.write(new Entry(this), source, transit);
            ChildJvm child = WarmPool.obtain();
            jvm = child;
            child.assign(name, ChildProcess.Kind.PROCESS, parcel,
                    daemon ? Children.AtExit.TERMINATE : Children.AtExit.JOIN);
            child.onExit().whenComplete((code, e) -> transit.release());
        } catch (IOException e) {
            transit.release();
            started = false;
            jvm = null;
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            transit.release();
            started = false;
            jvm = null;
            throw e;
        }
        MainProgram.started(this);
    }

    /**
     * Waits for the child to exit: blocks, with no time limit, until the child's exit is known and its
     * output has been delivered (at most half a second more, in case a grandchild holds its pipes). The wait
     * is interruptible.
     *
     * @throws IllegalStateException          if not started, or if this object stands for the main, the
     *                                        parent or the current process
     * @throws UncheckedInterruptedException  if the waiting thread is interrupted (its interrupt flag is set
     *                                        again); the child keeps running
     */
    public void join() {
        ChildJvm c = joinable();
        try {
            c.onExit().get();
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        MainProgram.ended(this);
    }

    /**
     * Waits at most {@code timeout} for the child to exit, as {@link #join()} does. The wait is
     * interruptible.
     *
     * @param timeout how long to wait at most; zero or negative only checks
     * @return {@code true} if the child has exited, {@code false} if the time ran out first (Python returns
     *         nothing; check {@link #exitCode()} or {@link #isAlive()} there)
     * @throws IllegalStateException         if not started, or if this object stands for the main, the parent
     *                                       or the current process
     * @throws UncheckedInterruptedException if interrupted while waiting (the interrupt flag is set again);
     *                                       the child keeps running
     * @throws NullPointerException          if {@code timeout} is null
     */
    public boolean join(Duration timeout) {
        ChildJvm c = joinable();
        try {
            c.onExit().get(Math.max(0, Blocking.saturatedNanos(timeout)), TimeUnit.NANOSECONDS);
            MainProgram.ended(this);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The route under which this child prints work done for {@code context} (see {@code ChildJvm#routeFor}):
     * a manager server started as a {@code Process} prints a call's output where the call came from.
     */
    int outputRoute(Object context) {
        ChildJvm c = jvm;
        return c == null ? 0 : c.routeFor(context);
    }

    private ChildJvm joinable() {
        if (role != Role.CHILD || (ownPid != 0 && this == current)) {
            throw new IllegalStateException("can only join a child process started by this process, not " + name);
        }
        ChildJvm c = jvm;
        if (!started || c == null) throw new IllegalStateException("join() called before start() on " + name);
        return c;
    }

    /**
     * Tells whether the process is running. Does not block.
     *
     * @return whether the process is running: for a child, started and its exit not yet known; for the
     *         current, main or parent process, whether that OS process is alive
     */
    public boolean isAlive() {
        if (role != Role.CHILD || ownPid != 0) {
            return ProcessHandle.of(ownPid).map(ProcessHandle::isAlive).orElse(false);
        }
        ChildJvm c = jvm;
        return started && c != null && c.isAlive();
    }

    /**
     * Returns the display name.
     *
     * @return the name: {@code Process-1}, {@code P-2} for a subclass {@code P}, or the one given
     */
    public String name() {
        return name;
    }

    /**
     * Sets the name (only the display name; any time, as in Python).
     *
     * @param newName the name
     * @return this process
     * @throws NullPointerException if {@code newName} is null
     */
    public Process name(String newName) {
        this.name = java.util.Objects.requireNonNull(newName, "name");
        return this;
    }

    /**
     * Tells whether this is a daemon process. In a child, a new {@code Process} starts out with the daemon
     * flag of the process that created it, as in Python.
     *
     * @return whether this is a daemon process
     */
    public boolean daemon() {
        return daemon;
    }

    /**
     * Makes this a daemon process (or not): a daemon is terminated when its parent JVM exits or the
     * {@link #runMain} block that started it ends; a non-daemon is waited for.
     *
     * @param on whether it is a daemon
     * @return this process
     * @throws IllegalStateException if already started
     */
    public Process daemon(boolean on) {
        synchronized (this) {
            if (started) throw new IllegalStateException("daemon() must be set before start(): " + name
                    + " is already started");
            daemon = on;
        }
        return this;
    }

    /**
     * Returns the operating system's id of the process. Does not block.
     *
     * @return the OS process id of the child (or of the process this object stands for)
     * @throws IllegalStateException if the child has not been started
     */
    public long pid() {
        if (ownPid != 0) return ownPid;
        ChildJvm c = jvm;
        if (c == null) throw new IllegalStateException(name + " has not been started, so it has no pid yet");
        return c.pid();
    }

    /**
     * Returns how the child ended, without waiting.
     *
     * @return {@code null} until the child has exited (and always for the main, parent or current process);
     *         then 0 (run returned), 1 (run threw), the status given to System.exit in the child, or minus the
     *         number of the signal that killed it
     */
    public Integer exitCode() {
        ChildJvm c = jvm;
        if (c == null || c.isAlive()) return null;
        return c.onExit().getNow(null);
    }

    /**
     * Returns the exception that ended the child's {@code run()}, without waiting. The first call after the
     * child ended deserializes it; an exception that cannot be read is reported as a
     * {@link RemoteTaskException} rather than thrown.
     *
     * @return the exception that ended the child's {@code run()} (with the child's stack trace), or
     *         {@code null} if there was none or the child has not ended. If the exception could not be sent
     *         back as itself, a {@link RemoteTaskException} copy of it.
     */
    public Throwable exception() {
        Throwable t = exception;
        if (t != null) return t;
        ChildJvm c = jvm;
        byte[] bytes = c == null ? null : c.failure();
        if (bytes == null) return null;
        try {
            ClassSource src = Hooks.classSource();
            t = (Throwable) Serial.fromBytes(bytes, Process.class.getClassLoader(),
                    n -> src != null ? src.loadedClass(n) : contextClass(n));
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            t = new RemoteTaskException(e.getClass().getName(), "the child's exception could not be read: " + e);
        }
        exception = t;
        return t;
    }

    private static Class<?> contextClass(String n) {
        try {
            return Class.forName(n, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Asks the child to stop: SIGTERM. The child dies at once (no finally blocks or shutdown hooks run, as in
     * Python); its exit code becomes -15. Does not wait; does nothing if the child has exited.
     *
     * @throws IllegalStateException if not started, or if this object stands for the main, parent or current
     *                               process
     */
    public void terminate() {
        started("terminate").terminate();
    }

    /**
     * Kills the child: SIGKILL; its exit code becomes -9. Does not wait; does nothing if it has exited.
     *
     * @throws IllegalStateException if not started, or if this object stands for the main, parent or current
     *                               process
     */
    public void kill() {
        started("kill").kill();
    }

    private ChildJvm started(String what) {
        checkChild(what);
        ChildJvm c = jvm;
        if (c == null) throw new IllegalStateException(what + "() called before start() on " + name);
        return c;
    }

    /**
     * Releases this object's resources; afterwards {@code start()} throws. Does not block. Closing twice, or
     * closing a process that was never started, is allowed.
     *
     * @throws IllegalStateException if the child is still running (as Python's ValueError)
     */
    public void close() {
        if (isAlive() && role == Role.CHILD && ownPid == 0) {
            throw new IllegalStateException("cannot close " + name + " while it is still running");
        }
        closed = true;
        MainProgram.ended(this);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(name + " is closed");
    }

    private void checkChild(String what) {
        if (role != Role.CHILD || ownPid != 0) {
            throw new IllegalStateException(what + "() is only for child processes started from here; " + name
                    + " is the " + (role == Role.MAIN ? "main" : role == Role.PARENT_VIEW ? "parent" : "current")
                    + " process");
        }
    }

    /**
     * Returns the process this code runs in. Does not block.
     *
     * @return the process this code runs in: in a child, the copy of its {@code Process} object (so
     *         {@code Process.current().name()} is its name); elsewhere an object named {@code MainProcess}
     */
    public static Process current() {
        Process c = current;
        return c != null ? c : MAIN;
    }

    /**
     * Returns the process that started this one. Does not block. The result can only be asked for its name,
     * pid and liveness; {@code join} and the other child methods throw {@link IllegalStateException} on it.
     *
     * @return in a child, an object standing for the process that started it (its name and pid); in the main
     *         process {@code null}, as Python's {@code parent_process()}
     */
    public static Process parent() {
        Process c = current;
        if (c == null || c.role == Role.MAIN) return null;
        return new Process(Role.PARENT_VIEW, c.parentName, c.parentPid, "");
    }

    /**
     * Returns the live children of this process (Python's {@code active_children()}). Does not block; unlike
     * Python's, it does not reap exited children, which the library does by itself.
     *
     * @return a new list of the children started from this process that have not yet exited, in start order
     */
    public static List<Process> activeChildren() {
        return MainProgram.activeChildren();
    }

    /**
     * Returns the number of processors available to this JVM (Python's {@code cpu_count()}).
     *
     * @return {@link Runtime#availableProcessors()}
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code block} as a "main program" (the analogue of Python's {@code if __name__ == '__main__':}
     * script ending): when it ends, normally or not, the daemon children started inside it (by this thread
     * or threads it started) are terminated, then the other children started inside it are waited for.
     * Useful in a notebook, whose own main program never ends.
     *
     * <p>Blocks, after {@code block} returns, until every non-daemon child started inside it has exited; the
     * wait is interruptible.
     *
     * @param block the main program
     * @throws UncheckedInterruptedException if interrupted while waiting for the children (the children still
     *                                       running are terminated, and what {@code block} threw is added as
     *                                       suppressed), or if {@code block} threw {@link InterruptedException}
     * @throws RuntimeException              what {@code block} threw, as itself if unchecked; a checked
     *                                       exception is wrapped in a plain {@code RuntimeException}
     * @throws Error                         what {@code block} threw, if an error
     * @throws NullPointerException          if {@code block} is null
     */
    public static void runMain(Task block) {
        MainProgram.run(block);
    }

    /**
     * Ends every child this JVM started (processes, pool workers, commands) and the pre-started JVMs: SIGTERM,
     * up to {@code grace} to exit, then SIGKILL for the rest. For a host's shutdown or restart. Blocks for at
     * most {@code grace} plus 10 seconds after the SIGKILLs, until all are reaped. An interrupt ends the wait
     * early: those still alive are sent SIGKILL at once, the method returns without waiting for them, and the
     * interrupt status stays set. Never throws {@link UncheckedInterruptedException}.
     *
     * @param grace how long children get to exit after SIGTERM
     * @return how many had to be killed with SIGKILL
     * @throws NullPointerException if {@code grace} is null
     */
    public static int terminateAll(Duration grace) {
        return Children.terminateAll(grace);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("<").append(getClass().getSimpleName().isEmpty() ? "Process"
                : getClass().getSimpleName()).append(" name='").append(name).append('\'');
        if (role != Role.CHILD || ownPid != 0) {
            b.append(" pid=").append(ownPid);
        } else if (jvm != null) {
            b.append(" pid=").append(jvm.pid());
            Integer code = exitCode();
            b.append(code == null ? " started" : " exitcode=" + code);
        }
        if (daemon) b.append(" daemon");
        return b.append('>').toString();
    }

    /**
     * The copy a child runs of a plain {@code Process} (not a subclass): the fields read back one by one
     * rather than by Java serialization's reflective field matching (see {@link Entry}).
     */
    private Process(String identity, String name, boolean daemon, Object target, Object[] args, String parentName,
                    long parentPid) {
        this.role = Role.CHILD;
        this.identity = identity;
        this.name = name;
        this.daemon = daemon;
        this.target = target;
        this.args = args;
        this.parentName = parentName;
        this.parentPid = parentPid;
    }

    /**
     * Runs a Process in the child: makes it {@link #current()} and calls its {@link #run()}. Externalizable
     * (public, as that requires) because a JVM reads a Serializable class by first generating a constructor
     * accessor for it, 2-3 ms in a child that has generated none yet. A plain {@code Process} is written field
     * by field (its target as a {@link LambdaCopy} where it can be): reading a Serializable class's
     * descriptor and matching its fields was half of decoding a task in a pre-started child (0.4 ms). A
     * subclass, which may have fields of its own, goes through Java serialization as a whole.
     */
    private static final class Entry implements ChildEntry, Externalizable {
        private static final long serialVersionUID = 1L;
        private Process process;

        /** For deserialization only. */
        public Entry() { }

        Entry(Process process) {
            this.process = process;
        }

        @Override
        public void writeExternal(ObjectOutput out) throws IOException {
            Process p = process;
            boolean plain = p.getClass() == Process.class && p.role == Role.CHILD;
            out.writeBoolean(plain);
            if (!plain) {
                out.writeObject(p);
                return;
            }
            out.writeUTF(p.identity);
            out.writeObject(p.name); // not writeUTF: a name set by the user may be longer than 64 KB
            out.writeBoolean(p.daemon);
            out.writeObject(p.parentName);
            out.writeLong(p.parentPid);
            out.writeObject(LambdaCopy.of(p.target));
            out.writeInt(p.args.length);
            for (Object a : p.args) out.writeObject(a);
        }

        @Override
        public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
            if (!in.readBoolean()) {
                process = (Process) in.readObject();
                return;
            }
            String identity = in.readUTF();
            String name = (String) in.readObject();
            boolean daemon = in.readBoolean();
            String parentName = (String) in.readObject();
            long parentPid = in.readLong();
            Object target = in.readObject();
            int n = in.readInt();
            if (n < 0 || n > 3) throw new java.io.InvalidObjectException("a Process has 0-3 arguments, not " + n);
            Object[] args = new Object[n];
            for (int i = 0; i < n; i++) args[i] = in.readObject();
            process = new Process(identity, name, daemon, target, args, parentName, parentPid);
        }

        @Override
        public void run(ChildContext context) throws Exception {
            process.ownPid = ProcessHandle.current().pid();
            process.started = true;
            current = process;
            process.run();
        }
    }
}
