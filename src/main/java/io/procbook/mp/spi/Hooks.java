package io.procbook.mp.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place where a host installs its hooks into the runtime. All methods are safe for use by many
 * threads; a hook installed later replaces the one before (listeners and class path entries accumulate).
 * Hooks belong to this JVM: a child process starts with none installed, and nothing here is Serializable.
 */
public final class Hooks {

    private static volatile ClassSource classSource;
    private static volatile OutputRouter outputRouter;
    private static volatile WorkContext workContext;
    private static volatile ProgressHost progressHost;
    private static final List<ProcessListener> LISTENERS = new CopyOnWriteArrayList<>();
    private static final List<Path> EXTRA_CLASSPATH = new CopyOnWriteArrayList<>();
    private static volatile boolean commandSessions;

    private Hooks() { }

    /**
     * Installs the source of host-defined classes.
     *
     * @param source the source, or {@code null} to remove it
     */
    public static void setClassSource(ClassSource source) { classSource = source; }

    /**
     * Returns the installed class source. Never blocks.
     *
     * @return the installed class source, or {@code null} when there is no host
     */
    public static ClassSource classSource() { return classSource; }

    /**
     * Installs the router for children's output.
     *
     * @param router the router, or {@code null} to copy children's output to this process's stdout/stderr
     */
    public static void setOutputRouter(OutputRouter router) { outputRouter = router; }

    /**
     * Returns the installed output router. Never blocks.
     *
     * @return the installed output router, or {@code null}
     */
    public static OutputRouter outputRouter() { return outputRouter; }

    /**
     * Installs the carrier of the host's context from submitting threads to the runtime's threads.
     *
     * @param context the carrier, or {@code null} to remove it (work then carries no context)
     */
    public static void setWorkContext(WorkContext context) { workContext = context; }

    /**
     * Returns the installed context carrier. Never blocks.
     *
     * @return the installed carrier, or {@code null} when there is no host
     */
    public static WorkContext workContext() { return workContext; }

    /**
     * Returns the calling thread's context, as the installed {@link WorkContext} sees it. Never blocks.
     *
     * @return the context, or {@code null} when there is no host or the thread belongs to none
     */
    public static Object currentContext() {
        WorkContext c = workContext;
        return c == null ? null : c.current();
    }

    /**
     * Runs {@code action} in {@code context} through the installed {@link WorkContext}, or simply runs it when
     * there is no host or no context.
     *
     * @param context a context from {@link #currentContext()}, or {@code null}
     * @param action  what to run
     */
    public static void runIn(Object context, Runnable action) {
        WorkContext c = workContext;
        if (c == null || context == null) action.run();
        else c.runIn(context, action);
    }

    /**
     * Installs where progress bars are shown.
     *
     * @param host the host, or {@code null} to write every bar on this process's standard error
     */
    public static void setProgressHost(ProgressHost host) { progressHost = host; }

    /**
     * Returns the installed progress host. Never blocks.
     *
     * @return the installed progress host, or {@code null}
     */
    public static ProgressHost progressHost() { return progressHost; }

    /**
     * Adds a listener told of every child's start and exit.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    public static void addListener(ProcessListener listener) { LISTENERS.add(Objects.requireNonNull(listener)); }

    /**
     * Removes a listener added before; does nothing if it was not added.
     *
     * @param listener the listener
     */
    public static void removeListener(ProcessListener listener) { LISTENERS.remove(listener); }

    /**
     * Returns the listeners. Never blocks.
     *
     * @return the current listeners, an unmodifiable snapshot safe to iterate
     */
    public static List<ProcessListener> listeners() { return List.copyOf(LISTENERS); }

    /**
     * Adds a jar or class directory to the class path of every child started from now on.
     *
     * @param entry the jar or directory
     * @throws NullPointerException if {@code entry} is null
     */
    public static void addClasspath(Path entry) {
        Path abs = Objects.requireNonNull(entry).toAbsolutePath().normalize();
        if (!EXTRA_CLASSPATH.contains(abs)) EXTRA_CLASSPATH.add(abs);
    }

    /**
     * Returns the extra class path entries. Never blocks.
     *
     * @return the extra class path entries added so far (absolute and normalized), in order; an unmodifiable
     *         snapshot
     */
    public static List<Path> extraClasspath() { return List.copyOf(EXTRA_CLASSPATH); }

    /**
     * Makes the external commands ({@code Subprocess}, {@code Popen}) started from now on belong to the host:
     * each runs as the leader of a session (and process group) of its own, where util-linux {@code setsid}
     * exists, so that whatever it starts stays with it; {@link ChildProcess#terminate()} and
     * {@link ChildProcess#kill()} then end the whole tree (its descendants, and every process of its session,
     * even those whose parent has exited), and if this JVM dies (even by SIGKILL) a small watcher process ends
     * the sessions still running. Off by default: a plain program's commands are left running when it exits,
     * as Python leaves them. Without {@code setsid}, commands run as before and ending one reaches its
     * descendants only. A host that goes away ends what the sessions still hold with
     * {@code io.procbook.mp.internal.CommandSessions.endAll()} (the hooks only configure; the work they
     * configure lives below them, so this package depends on no implementation).
     *
     * @param on whether commands started from now on belong to the host
     */
    public static void setCommandSessions(boolean on) { commandSessions = on; }

    /**
     * Returns whether external commands belong to the host (see {@link #setCommandSessions}). Never blocks.
     *
     * @return whether external commands started now run in sessions of their own
     */
    public static boolean commandSessions() { return commandSessions; }
}
