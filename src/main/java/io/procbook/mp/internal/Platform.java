package io.procbook.mp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * What this operating system offers beyond the JDK, and what the runtime, the monitor and the magics do where
 * it is missing. Every use of a Linux (or Unix) only source goes through here: {@code /proc}, {@code /dev/shm},
 * signals and Unix domain sockets. Linux has them all; macOS has all but {@code /proc}, {@code /dev/shm} and
 * util-linux {@code setsid}; Windows is not supported (see the README's "Platforms").
 *
 * <h2>Capabilities, where they are used, and their fallbacks</h2>
 * <table>
 * <caption>One row per capability</caption>
 * <tr><th>capability (switch)</th><th>used by</th><th>fallback, and what it costs or loses</th></tr>
 * <tr><td>{@code /proc} ({@value #PROC})</td>
 *     <td>the monitor (CPU ticks and memory per process from {@code /proc/<pid>/stat} and {@code status}, the
 *     clock tick from {@code /proc/self/auxv}, the machine's load from {@code /proc/stat}); {@code %time} (CPU
 *     of live and reaped children); shared-memory hygiene (this user's uid, a process's owner and start
 *     time); command sessions (their members); manager connections (the boot id)</td>
 *     <td>CPU per process from {@link ProcessHandle.Info#totalCpuDuration()} (a reading allocates; the CPU a
 *     process uses in its last quarter second before it exits is not seen); the machine's load from
 *     {@code com.sun.management.OperatingSystemMXBean.getCpuLoad()}; no memory per process, which the monitor
 *     says in its display. {@code %time} counts this JVM and its live descendants, not children reaped
 *     meanwhile, and cannot split their time into user and system. The uid from the JDK's {@code UnixSystem},
 *     owners from {@link ProcessHandle.Info#user()}, start times from {@link ProcessHandle.Info#startInstant()}.
 *     Members of a command's session are not found (only its descendants are ended). A host is known by its
 *     shared-memory folder, so a same-host manager connection still moves to shared memory.</td></tr>
 * <tr><td>{@code /dev/shm} ({@value #SHM}: a folder)</td>
 *     <td>every shared object ({@code Value}, {@code Queue}, {@code Lock}...), spill files, the wake-up
 *     sockets' folder</td>
 *     <td>{@code java.io.tmpdir} where {@code /dev/shm} is missing or not writable: the same files, memory
 *     mapped; on a disk-backed folder the system may write dirty pages back to disk (no effect on speed in
 *     practice for the sizes notebooks use; macOS's per-user temporary folder is the usual place). Children are
 *     always told the folder their parent chose.</td></tr>
 * <tr><td>Unix domain sockets ({@value #UNIX_SOCKETS})</td>
 *     <td>a child's control connection ({@link ConnectBackSocket}); cross-process wake-ups of sleeping waiters
 *     ({@code shm.Waker})</td>
 *     <td>loopback TCP for the control connection (the child proves itself with a random token given on its
 *     stdin, as it does anyway); waiters poll shared memory every millisecond instead of sleeping until woken
 *     (about 1000 wake-ups a second per sleeping thread: some CPU, and up to a millisecond of latency). macOS
 *     has Unix domain sockets (paths up to 104 bytes); this switch is for file systems that cannot hold them.
 *     </td></tr>
 * <tr><td>util-linux {@code setsid} ({@value #SETSID})</td>
 *     <td>external commands run as leaders of sessions of their own, ended with everything they started, also
 *     after a kill -9 of this JVM ({@link CommandSessions}, {@link SessionWatcher}: {@code sh} and
 *     {@code kill -TERM -pgid})</td>
 *     <td>commands run as plain children; ending one ends its descendants found by parent links, so a job it
 *     put in the background and left behind (an orphan) is not reached, and a kill -9 of this JVM leaves its
 *     commands running.</td></tr>
 * <tr><td>signals (no switch)</td>
 *     <td>sending: {@link #terminate} (SIGTERM) for {@code terminate()} of processes and commands; SIGKILL
 *     through {@link ProcessHandle#destroyForcibly()}, which the JDK maps on every system. Handling:
 *     {@link #onSignal} in child JVMs (TERM, INT, HUP: flush output and report the signal to the parent)</td>
 *     <td>where a signal cannot be handled (the JVM runs with {@code -Xrs}, or the system has no such signal)
 *     the JVM's default applies: output not yet flushed may be lost, and the parent sees the exit status 128+n
 *     instead of -n. macOS has the same signals as Linux.</td></tr>
 * </table>
 * Portable, so not here: watching a parent's death ({@link ProcessHandle#parent()} and
 * {@link ProcessHandle#isAlive()}, in the kernel and in every child JVM), SIGKILL, and loopback TCP.
 *
 * <h2>The test mode</h2>
 * The switches are system properties, read once when this class initializes: {@code -D}{@value #PROC}{@code
 * =false}, {@value #SETSID}{@code =false} and {@value #UNIX_SOCKETS}{@code =false} hide what exists, and
 * {@value #SHM}{@code =DIR} puts shared memory in {@code DIR}; so a JVM on Linux runs as it would on macOS
 * (or with less). Child JVMs get them on their command lines ({@link #childJvmFlags()}), so a whole tree of
 * processes runs in one mode. Hiding never enables anything a system lacks: {@code proc=true} on macOS still
 * finds no {@code /proc}.
 *
 * <p>Thread-safe: everything here is fixed at class initialization or stateless.
 */
public final class Platform {

    /** System property: {@code false} hides {@code /proc} (default: used where {@code /proc/self/stat} is readable). */
    public static final String PROC = "procbook.platform.proc";
    /**
     * System property: the folder for shared memory, made if missing (default {@code /dev/shm}, else
     * {@code java.io.tmpdir}).
     */
    public static final String SHM = "procbook.platform.shm";
    /** System property: {@code false} makes the runtime use no Unix domain sockets. */
    public static final String UNIX_SOCKETS = "procbook.platform.unixSockets";
    /** System property: {@code false} makes commands run without sessions of their own (no {@code setsid}). */
    public static final String SETSID = "procbook.platform.setsid";

    private static final Path PROC_ROOT = Paths.get("/proc");
    private static final boolean HAS_PROC = enabled(PROC) && Files.isReadable(PROC_ROOT.resolve("self/stat"));
    private static final boolean HAS_UNIX_SOCKETS = enabled(UNIX_SOCKETS);
    private static final boolean MAY_USE_SETSID = enabled(SETSID);
    private static final Path SHARED_MEMORY = chooseSharedMemory();

    private Platform() { }

    private static boolean enabled(String property) {
        return !"false".equalsIgnoreCase(System.getProperty(property, "true").trim());
    }

    // ---------------------------------------------------------------------------------------------- /proc

    /** @return whether {@code /proc} is there and may be read (Linux, unless hidden by {@value #PROC}) */
    public static boolean hasProc() {
        return HAS_PROC;
    }

    /**
     * A path under {@code /proc}: the only way this code names one, so that hiding {@code /proc} hides it
     * everywhere. Callers check {@link #hasProc()} first and use their fallback where it is false.
     *
     * @param parts the path below {@code /proc}, e.g. {@code ("1234", "stat")}
     * @return the path
     * @throws IllegalStateException if {@code /proc} is missing or hidden (a caller forgot its fallback)
     */
    public static Path proc(String... parts) {
        if (!HAS_PROC) {
            throw new IllegalStateException("no /proc here (or hidden by -D" + PROC + "=false)");
        }
        Path p = PROC_ROOT;
        for (String part : parts) p = p.resolve(part);
        return p;
    }

    /**
     * The fields of a {@code /proc/<pid>/stat} line from the third (the state) on: element 0 is field 3. The
     * command name (field 2) is in parentheses and may itself hold spaces and ')', so fields are counted from
     * the last ')'.
     *
     * @param stat the file's content
     * @return the fields
     * @throws IllegalArgumentException if {@code stat} has no ')' (not a stat line)
     */
    public static String[] statFields(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 > stat.length()) throw new IllegalArgumentException("not a stat line");
        return stat.substring(close + 2).trim().split(" ");
    }

    /**
     * Identifies the running operating system instance: equal in two processes only if they may share memory
     * through {@link #sharedMemoryDir()}. The kernel's boot id where {@code /proc} has it; elsewhere a digest
     * of the shared-memory folder's path, which two hosts may share: a peer that believes it is local then
     * fails to open the file it is offered and stays on TCP, so a wrong guess costs one failed open.
     *
     * @return the identity, at most 64 ASCII characters
     */
    public static String hostId() {
        if (HAS_PROC) {
            try {
                String id = Files.readString(proc("sys", "kernel", "random", "boot_id")).trim();
                if (!id.isEmpty()) return id;
            } catch (IOException | RuntimeException e) {
                // a container may hide it: fall through to the folder's identity
            }
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(SHARED_MEMORY.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return "shm-" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /**
     * The uid this process runs as: the owner of {@code /proc/self} where {@code /proc} is read, else the
     * JDK's {@code com.sun.security.auth.module.UnixSystem}.
     *
     * @return the uid, or -1 where unknown (then files cannot be told apart by owner)
     */
    public static int uid() {
        if (HAS_PROC) {
            try {
                return (Integer) Files.getAttribute(proc("self"), "unix:uid");
            } catch (IOException | RuntimeException e) {
                // unreadable: try the JDK's way
            }
        }
        try {
            return Math.toIntExact(new com.sun.security.auth.module.UnixSystem().getUid());
        } catch (RuntimeException | LinkageError e) {
            return -1; // not a Unix JVM
        }
    }

    // ------------------------------------------------------------------------------------- shared memory

    private static Path chooseSharedMemory() {
        String forced = System.getProperty(SHM);
        if (forced != null && !forced.isBlank()) {
            Path dir = Paths.get(forced).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                // creating shared memory in it fails then, with an error that names the folder
            }
            return dir;
        }
        Path shm = Paths.get("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) return shm;
        return Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    /** @return the folder every shared-memory file of this library lives in (see the class comment) */
    public static Path sharedMemoryDir() {
        return SHARED_MEMORY;
    }

    // ---------------------------------------------------------------------------- sockets and sessions

    /** @return whether the runtime may use Unix domain sockets (else loopback TCP and polling) */
    public static boolean unixSockets() {
        return HAS_UNIX_SOCKETS;
    }

    /** @return whether commands may be started in sessions of their own, where a {@code setsid} is found */
    public static boolean maySetsid() {
        return MAY_USE_SETSID;
    }

    // ------------------------------------------------------------------------------------------ signals

    /**
     * Asks a process to end: SIGTERM on Unix (it may handle it: a child JVM flushes its output and reports
     * the signal). Does nothing if it has exited, so a recycled pid is never signalled.
     *
     * @param process the process
     */
    public static void terminate(ProcessHandle process) {
        if (process.isAlive()) process.destroy();
    }

    /**
     * Runs {@code handler} with the signal's number when this JVM receives signal {@code name}, on the JVM's
     * signal thread, instead of the JVM's default (exit, running shutdown hooks).
     *
     * @param name    the signal's name without {@code SIG}, e.g. {@code "TERM"}
     * @param handler what to do; it must end the JVM or return quickly
     * @return false where the signal cannot be handled here (no such signal, or the JVM keeps it, e.g. under
     *         {@code -Xrs}): the default then applies, see the class comment
     */
    @SuppressWarnings("removal") // the JDK's only way for a program to handle a signal
    public static boolean onSignal(String name, IntConsumer handler) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept(s.getNumber()));
            return true;
        } catch (IllegalArgumentException unavailable) {
            return false;
        }
    }

    // -------------------------------------------------------------------------------------- child JVMs

    /**
     * The flags that put a child JVM in this JVM's mode: each switch set here, and always the shared-memory
     * folder this JVM uses (a child must use the same one, whatever its own {@code java.io.tmpdir}).
     *
     * @return {@code -D} flags, for the child's command line
     */
    public static List<String> childJvmFlags() {
        List<String> flags = new ArrayList<>(4);
        for (String p : List.of(PROC, UNIX_SOCKETS, SETSID)) {
            Optional.ofNullable(System.getProperty(p)).ifPresent(v -> flags.add("-D" + p + "=" + v));
        }
        flags.add("-D" + SHM + "=" + SHARED_MEMORY);
        return flags;
    }
}
