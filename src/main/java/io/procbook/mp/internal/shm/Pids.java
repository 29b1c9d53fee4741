package io.procbook.mp.internal.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
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
     * This process in an attach table: its pid in the low {@link #BITS} bits, its start time (clock ticks since
     * boot, from {@code /proc}) above them; just the pid where the start time cannot be read.
     */
    public static final long SELF_STAMP = stamp(SELF);

    private static final int MY_UID = uidOf(Paths.get("/proc/self"));

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
        long start = stamp >>> BITS;
        if (start == 0 || pid == SELF) {
            return alive(pid);
        }
        long now = startTicks(pid);
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
        if (MY_UID >= 0 && uidOf(Paths.get("/proc", Long.toString(pid))) != MY_UID) {
            return false; // gone meanwhile, or another user's: either way not our file's maker
        }
        Optional<Instant> started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
        return started.isEmpty() || !started.get().isAfter(written.toInstant().plusMillis(START_SLACK_MS));
    }

    /** The uid this process runs as, or -1 where unknown (no {@code /proc}). */
    static int myUid() {
        return MY_UID;
    }

    private static long stamp(long pid) {
        long start = startTicks(pid);
        return start > 0 && start < 1L << (63 - BITS) ? pid | start << BITS : pid;
    }

    /** The start time of {@code pid} in clock ticks since boot, or -1 if it does not exist (0: unknown). */
    private static long startTicks(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[19]); // field 22 of stat; f[0] is field 3, the state
        } catch (java.nio.file.NoSuchFileException e) {
            return Files.isDirectory(Paths.get("/proc")) ? -1 : 0;
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
