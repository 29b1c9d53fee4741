package io.procbook.mp.internal;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * External commands in sessions of their own, and ending them with everything they started. Under a host
 * (see {@link io.procbook.mp.spi.Hooks#setCommandSessions}) a command runs through util-linux
 * {@code setsid}, so that it leads a new session and process group: whatever it starts stays in them, even a
 * background job whose parent shell has exited ({@code ( sleep 300 & )}), which following parent links alone
 * would miss. Ending a command ({@link #endTree}) signals its descendants, found before anything is
 * signalled, and every process of its session, the leader last; a {@link SessionWatcher} ends the sessions
 * still alive if this JVM dies. Where {@code setsid} is missing (or switched off, {@link Platform#maySetsid()}),
 * commands run as before and ending one reaches its descendants only; nothing then ends them after a kill -9
 * of this JVM. Without {@code /proc} (macOS has no util-linux setsid either) a session's members cannot be
 * listed: ending a command reaches its descendants only, and a session is forgotten once its leader exited.
 *
 * <p>A session is listed with the watcher from its start until it is seen empty: looked for about a second
 * after its leader exits, and every ten seconds while some of its processes run on. Listing sessions no
 * longer in use would let the watcher signal a process group whose number the system has given out again
 * (pids are reused only after the whole pid space has been used, so this bounds that risk to those seconds).
 * Safe for use by many threads.
 */
public final class CommandSessions {

    /** How long processes sent SIGTERM have before they are sent SIGKILL. */
    static final long KILL_AFTER_MS = 1500;
    private static final long FIRST_LOOK_MS = 1000;
    private static final long LOOK_AGAIN_MS = 10_000;

    private static final Object LOCK = new Object();
    /** Sessions started here that may still have processes. Guarded by LOCK. */
    private static final Set<Long> LISTED = new LinkedHashSet<>();
    /** Those whose leader has exited: to be looked at. Guarded by LOCK. */
    private static final Set<Long> LEADERLESS = new HashSet<>();
    /** Guarded by LOCK. */
    private static SessionWatcher watcher;
    private static ScheduledFuture<?> look;
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static volatile Optional<String> setsid;

    private CommandSessions() { }

    /** util-linux setsid, if this system has it and it works; looked for once. */
    static Optional<String> setsid() {
        Optional<String> s = setsid;
        if (s == null) {
            s = probe();
            setsid = s;
        }
        return s;
    }

    private static Optional<String> probe() {
        if (!Platform.maySetsid()) return Optional.empty();
        Optional<Path> found = onPath("setsid");
        if (found.isEmpty()) return Optional.empty();
        try {
            java.lang.Process p = new ProcessBuilder(found.get().toString(), "-w", "true")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) return Optional.of(found.get().toString());
            p.destroyForcibly();
        } catch (IOException e) {
            // not runnable here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * Finds a program as the JDK does when it starts one: a name with a slash is a path (relative to
     * {@code cwd}), any other name is looked for along this JVM's PATH.
     *
     * @return the executable, or empty if there is none
     */
    static Optional<Path> resolve(String program, Path cwd) {
        if (program.contains("/")) {
            Path p = cwd == null ? Paths.get(program) : cwd.resolve(program);
            return Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        return onPath(program);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Paths.get(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p.toAbsolutePath());
        }
        return Optional.empty();
    }

    /**
     * The command line that runs {@code args} as the leader of a new session, or null where commands cannot
     * have sessions (no setsid). The program is looked up here, as the JDK would, since setsid would report a
     * missing one as an exit status only.
     *
     * @param cwd the command's working directory, or null for this JVM's
     * @throws FileNotFoundException if the program does not exist, worded as the JDK words it (the caller
     *         turns it into its public exception, as it does for the JDK's)
     */
    public static List<String> sessionCommandLine(List<String> args, Path cwd) throws FileNotFoundException {
        Optional<String> s = setsid();
        if (s.isEmpty()) return null;
        Path program = resolve(args.get(0), cwd).orElseThrow(() -> new FileNotFoundException(
                "Cannot run program \"" + args.get(0) + "\": error=2, No such file or directory"));
        watchBeforeStart();
        List<String> cmd = new ArrayList<>(List.of(s.get(), "-w", program.toString()));
        cmd.addAll(args.subList(1, args.size()));
        return cmd;
    }

    /**
     * Lists the session of a command just started in one (its session id is its pid) with the watcher.
     * A failure to start the watcher leaves the command running, unwatched.
     */
    static void started(long sid) {
        synchronized (LOCK) {
            LISTED.add(sid);
            tell(sid, true);
        }
    }

    /** The session's leader exited: look soon whether anything runs on in it. */
    static void leaderExited(long sid) {
        synchronized (LOCK) {
            if (!LISTED.contains(sid)) return;
            LEADERLESS.add(sid);
            scheduleLook(FIRST_LOOK_MS);
        }
    }

    /** Tells the watcher (starting one if needed, and then all it must know). Needs LOCK. */
    private static void tell(long sid, boolean add) {
        try {
            if (watcher == null || !watcher.alive()) {
                if (!add && watcher == null) return;
                startWatcher(); // it lists this one among the others
                return;
            }
            if (add) watcher.add(sid);
            else watcher.remove(sid);
        } catch (IOException | RuntimeException e) {
            watcher = null; // retried with the next command; meanwhile only orderly ends reach the sessions
        }
    }

    /** Starts a watcher and lists every session with it. Needs LOCK. */
    private static void startWatcher() throws IOException {
        watcher = SessionWatcher.start(setsid().orElseThrow());
        for (long s : LISTED) watcher.add(s);
    }

    /**
     * Has a watcher running before a command starts, so that listing the command's session once it runs is
     * one write to a pipe rather than the start of a process: until its session is listed, a kill -9 of this
     * JVM leaves the command running (under load a watcher's start took longer than the command needed to
     * start its own children). A command that then fails to start leaves the watcher idle until the next
     * session ends, or this JVM does.
     */
    private static void watchBeforeStart() {
        synchronized (LOCK) {
            try {
                if (watcher == null || !watcher.alive()) startWatcher();
            } catch (IOException | RuntimeException e) {
                watcher = null; // started() tries again
            }
        }
    }

    private static void scheduleLook(long delayMs) {
        if (look == null || look.isDone()) {
            look = TIMER.schedule(CommandSessions::lookAtLeaderless, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Forgets the leaderless sessions that are empty now (one pass over the process table for all). */
    private static void lookAtLeaderless() {
        Set<Long> candidates;
        synchronized (LOCK) {
            candidates = new HashSet<>(LEADERLESS);
        }
        Set<Long> occupied = sessionsIn(candidates);
        synchronized (LOCK) {
            for (long sid : candidates) {
                if (occupied.contains(sid)) continue;
                LEADERLESS.remove(sid);
                LISTED.remove(sid);
                tell(sid, false);
            }
            if (LISTED.isEmpty() && watcher != null) {
                watcher.close(); // nothing left to watch: no process lingers for it
                watcher = null;
            }
            look = null;
            if (!LEADERLESS.isEmpty()) scheduleLook(LOOK_AGAIN_MS);
        }
    }

    /**
     * Ends a command and what it started: SIGTERM (SIGKILL if {@code force}) to its descendants and, if it
     * leads a session, to every process in it, then to the leader; those still alive after
     * {@link #KILL_AFTER_MS} get SIGKILL. Returns at once.
     */
    static void endTree(ProcessHandle leader, boolean session, boolean force) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        leader.descendants().forEach(tree::add); // before anyone is signalled: they are found by parent links
        if (session) tree.addAll(members(leader.pid()));
        tree.remove(leader);
        List<ProcessHandle> all = new ArrayList<>(tree);
        all.add(leader);
        for (ProcessHandle h : all) {
            if (force) h.destroyForcibly();
            else Platform.terminate(h);
        }
        if (!force) {
            TIMER.schedule(() -> all.forEach(h -> {
                if (h.isAlive()) h.destroyForcibly();
            }), KILL_AFTER_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Ends every process still in a session a command started here (the host is going away, and commands
     * still running were ended through their ChildProcess), and stops the watcher. Does not wait.
     */
    public static void endAll() {
        List<Long> sids;
        synchronized (LOCK) {
            sids = new ArrayList<>(LISTED);
        }
        List<ProcessHandle> left = new ArrayList<>();
        for (long sid : sids) left.addAll(members(sid));
        left.forEach(Platform::terminate);
        if (!left.isEmpty()) {
            TIMER.schedule(() -> left.forEach(h -> {
                if (h.isAlive()) h.destroyForcibly();
            }), KILL_AFTER_MS, TimeUnit.MILLISECONDS);
        }
        synchronized (LOCK) {
            LISTED.removeAll(sids);
            LEADERLESS.removeAll(sids);
            if (LISTED.isEmpty() && watcher != null) {
                watcher.close(); // it finds nothing (or what is already dying) and exits
                watcher = null;
            }
        }
    }

    /** The processes whose session is {@code sid} (none where /proc cannot be read, see the class comment). */
    static List<ProcessHandle> members(long sid) {
        List<ProcessHandle> out = new ArrayList<>();
        forEachProcess((pid, session) -> {
            if (session == sid) ProcessHandle.of(pid).ifPresent(out::add);
        });
        return out;
    }

    /** Which of {@code sids} some running process belongs to. */
    private static Set<Long> sessionsIn(Set<Long> sids) {
        Set<Long> found = new HashSet<>();
        forEachProcess((pid, session) -> {
            if (sids.contains(session)) found.add(session);
        });
        return found;
    }

    private interface ProcessVisitor {
        void visit(long pid, long session);
    }

    private static void forEachProcess(ProcessVisitor v) {
        if (!Platform.hasProc()) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Platform.proc(), "[0-9]*")) {
            for (Path p : ds) {
                try {
                    String[] f = Platform.statFields(Files.readString(p.resolve("stat")));
                    v.visit(Long.parseLong(p.getFileName().toString()), Long.parseLong(f[3])); // field 6
                } catch (IOException | RuntimeException gone) {
                    // it exited while we looked
                }
            }
        } catch (IOException e) {
            // no /proc: no sessions to find
        }
    }

    /** The watcher's pid, or -1 if none runs (for tests). */
    static long watcherPid() {
        synchronized (LOCK) {
            return watcher == null ? -1 : watcher.pid();
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "procbook-command-sessions");
            th.setDaemon(true);
            return th;
        });
        t.setKeepAliveTime(1, TimeUnit.SECONDS); // no thread left once nothing is pending
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
