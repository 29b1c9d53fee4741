package io.procbook.mp.internal.shm;

import io.procbook.mp.internal.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

/**
 * Process identity and liveness. Shared-memory words record owners as operating-system pids (22 bits, the
 * Linux maximum {@code pid_max}), so any process can tell whether the owner of a lock or of a half-done queue
 * operation still exists. Pid reuse is ignored there: it needs the pid space to wrap while a word still names
 * the dead owner, which the 22-bit pid space makes very unlikely within the life of one shared object.
 *
 * <p>What decides whether a file may be removed is stricter, since a file can outlive its creator by days: a
 * segment's attach table records each process as a {@link #SELF_STAMP stamp}, its pid with its start time,
 * and a process named by a file is taken for its creator only if it runs as this user and started before the
 * file was last written. A recycled pid then no longer keeps a dead process's files, and another user's
 * process never counts as ours.
 */
public final class Pids {

    /** This process's pid. */
    public static final long SELF = ProcessHandle.current().pid();

    /** Pids fit in this many bits (Linux caps {@code pid_max} at 2^22). */
    public static final int BITS = 22;

    private static final long PID_MASK = (1L << BITS) - 1;
    /** How far a process's start may lie after its file's time and the process still count as its maker. */
    private static final long START_SLACK_MS = 1000;

    /**
     * Marks a stamp whose start time is the JDK's ({@link ProcessHandle.Info#startInstant()} in hundredths of a
     * second since the epoch) rather than {@code /proc}'s clock ticks since boot: the clock of systems without
     * {@code /proc}. Any process can check either kind, so processes in different modes share segments.
     */
    private static final long JDK_CLOCK = 1L << 62;
    /** Start times below this fit between the pid and {@link #JDK_CLOCK}. */
    private static final long START_LIMIT = 1L << (62 - BITS);

    /**
     * This process in an attach table: its pid in the low {@link #BITS} bits, its start time above them
     * (clock ticks since boot from {@code /proc}, else the JDK's, see {@link #JDK_CLOCK}); just the pid where
     * neither can be read.
     */
    public static final long SELF_STAMP = stamp(SELF);

    private static final int MY_UID = Platform.uid();
    /** The user this process runs as, by name, for owners read without {@code /proc}; empty where unknown. */
    private static final Optional<String> MY_USER =
            Platform.hasProc() ? Optional.empty() : ProcessHandle.current().info().user();

    private Pids() {
    }

    /** Whether the process exists (this process always does). */
    public static boolean alive(long pid) {
        if (pid == SELF) {
            return true;
        }
        if (pid <= 0) {
            return false;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Whether the process a {@link #SELF_STAMP stamp} names still runs: a process with that pid exists and,
     * if the stamp has a start time, started at that time (else the pid was recycled).
     */
    static boolean aliveStamp(long stamp) {
        if (stamp == SELF_STAMP) {
            return true;
        }
        long pid = stamp & PID_MASK;
        long start = (stamp & ~JDK_CLOCK) >>> BITS;
        if (start == 0 || pid == SELF) {
            return alive(pid);
        }
        long now = (stamp & JDK_CLOCK) != 0 ? jdkStart(pid) : startTicks(pid);
        return now == 0 ? alive(pid) : now == start;
    }

    /**
     * Whether process {@code pid} can be the one that made a file last written at {@code written}: it runs,
     * as this user, and started before then.
     */
    static boolean mayHaveMade(long pid, FileTime written) {
        if (pid == SELF) {
            return true;
        }
        if (!alive(pid)) {
            return false;
        }
        if (!sameUser(pid)) {
            return false; // gone meanwhile, or another user's: either way not our file's maker
        }
        Optional<Instant> started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
        return started.isEmpty() || !started.get().isAfter(written.toInstant().plusMillis(START_SLACK_MS));
    }

    /** Whether {@code pid} runs as this process's user; true where that cannot be told. */
    private static boolean sameUser(long pid) {
        if (Platform.hasProc()) {
            return MY_UID < 0 || uidOf(Platform.proc(Long.toString(pid))) == MY_UID;
        }
        if (MY_USER.isEmpty()) return true;
        Optional<String> user = ProcessHandle.of(pid).flatMap(h -> h.info().user());
        return user.isEmpty() || user.equals(MY_USER);
    }

    /** The uid this process runs as, or -1 where unknown (see {@link Platform#uid()}). */
    static int myUid() {
        return MY_UID;
    }

    /** The stamp of a running process (see {@link #SELF_STAMP}). */
    static long stamp(long pid) {
        long ticks = startTicks(pid);
        if (ticks > 0 && ticks < START_LIMIT) return pid | ticks << BITS;
        long start = jdkStart(pid);
        return start > 0 && start < START_LIMIT ? pid | start << BITS | JDK_CLOCK : pid;
    }

    /** The start time of {@code pid} in hundredths of a second since the epoch, -1 if it does not exist, 0 if unknown. */
    private static long jdkStart(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) return -1;
        return h.get().info().startInstant().map(i -> i.toEpochMilli() / 10).orElse(0L);
    }

    /** The start time of {@code pid} in clock ticks since boot, or -1 if it does not exist (0: unknown). */
    private static long startTicks(long pid) {
        if (!Platform.hasProc()) return 0;
        try {
            String[] f = Platform.statFields(Files.readString(Platform.proc(Long.toString(pid), "stat")));
            return Long.parseLong(f[19]); // field 22 of stat; f[0] is field 3, the state
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        } catch (IOException | RuntimeException e) {
            return 0; // unreadable: unknown, never taken for proof of death
        }
    }

    /** The owner of {@code p}, or -1 if unknown; {@code options} may say not to follow a link. */
    static int uidOf(Path p, LinkOption... options) {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", options);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
