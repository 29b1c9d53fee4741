package io.procbook.mp.internal.shm;

import io.procbook.mp.internal.Platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where shared-memory files live and how they are named, and the sweep of files left behind by dead processes
 * (Python's resource tracker idea, done lazily: the first process of this library to touch shared memory
 * removes what dead processes left).
 *
 * <p>Names: a segment is {@code procbook-<creatorpid>-<16 hex>}; a message too large for a queue slot is
 * spilled to {@code <segment>.s<16 hex>}; a process's wake-up socket is {@code <pid>.wake} in the folder
 * {@code procbook-wake-<uid>}, which only its user can enter (0700, checked to be a real folder of this user's
 * before use; an older version's {@code procbook-<pid>.wake} is still swept). The creator pid in a segment
 * name lets the sweep skip, without opening, every file of a living creator.
 *
 * <p>The sweep touches only regular files (and sockets) of this user, never follows a link, and takes a pid in
 * a name for the file's maker only if that process runs as this user and started before the file was last
 * written ({@link Pids#mayHaveMade}); segments are then removed only if no process in their attach table
 * still runs ({@link Pids#aliveStamp}).
 */
public final class ShmDir {

    static final String PREFIX = "procbook-";

    /** {@code /dev/shm} (RAM, no disk write-back) where there is one; see {@link Platform#sharedMemoryDir()}. */
    private static final Path DIR = Platform.sharedMemoryDir();
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final String WAKE_DIR = PREFIX + "wake-";
    private static volatile boolean swept;
    private static volatile Path wakeDir;
    private static volatile boolean wakeDirChecked;

    private ShmDir() {
    }

    /** The directory holding every shared-memory file of this library. */
    public static Path dir() {
        return DIR;
    }

    static Path newSegmentPath() {
        return DIR.resolve(PREFIX + Pids.SELF + "-" + hex(ThreadLocalRandom.current().nextLong()));
    }

    /**
     * Creates a new file that only this user can read or write (0600), whatever the umask: with the default
     * umask a shared file would be world-readable, and any local user could read every message and value in it.
     * File systems without POSIX permissions get a plain new file.
     *
     * @throws java.nio.file.FileAlreadyExistsException if it exists
     */
    static Path createPrivate(Path path) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createFile(path);
        }
        return Files.createFile(path, OWNER_ONLY);
    }

    static Path segmentPath(String name) {
        if (!name.startsWith(PREFIX) || name.contains("/") || name.contains("..")) {
            throw new IllegalArgumentException("not a procbook shared-memory name: " + name);
        }
        return DIR.resolve(name);
    }

    static Path spillPath(String segmentName, long id) {
        return DIR.resolve(segmentName + ".s" + hex(id));
    }

    /**
     * Where process {@code pid} of this user listens for wake-ups, or null if this user's private folder for
     * them cannot be had or Unix domain sockets are not used ({@link Platform#unixSockets()}; waiters then poll).
     */
    public static Path socketPath(long pid) {
        Path d = wakeDir();
        return d == null ? null : d.resolve(pid + ".wake");
    }

    /**
     * This user's folder of wake-up sockets, made 0700 if missing; null if the name is taken by something that
     * is not a folder of this user's (another user cannot then learn or block our sockets, only make us poll).
     */
    static Path wakeDir() {
        if (!Platform.unixSockets()) return null;
        if (wakeDirChecked) return wakeDir;
        synchronized (ShmDir.class) {
            if (!wakeDirChecked) {
                wakeDir = privateFolder(DIR.resolve(WAKE_DIR + (Pids.myUid() >= 0 ? Integer.toString(Pids.myUid())
                        : System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_"))));
                wakeDirChecked = true;
            }
            return wakeDir;
        }
    }

    private static Path privateFolder(Path dir) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            else Files.createDirectory(dir);
            return dir;
        } catch (FileAlreadyExistsException e) {
            // ours from an earlier process, or planted: look before use
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        if (!posix) return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? dir : null;
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory() || (Pids.myUid() >= 0 && Pids.uidOf(dir, LinkOption.NOFOLLOW_LINKS) != Pids.myUid())) {
                return null;
            }
            if (!a.permissions().equals(OWNER_ONLY_DIR)) Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            return dir;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    /** Deletes the spill files of a segment (called when the segment itself is removed). */
    static void deleteSpills(String segmentName) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DIR, segmentName + ".s*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Best effort: the next sweep deletes spill files whose segment is gone.
        }
    }

    /** Runs the sweep once per process, before the first segment is created or opened. */
    static void sweepOnce() {
        if (swept) {
            return;
        }
        synchronized (ShmDir.class) {
            if (!swept) {
                swept = true;
                sweep();
            }
        }
    }

    /**
     * Removes: segments whose creator is dead and that no living process has attached; spill files whose
     * segment is gone; sockets of dead processes. Only this user's own files, never through a link. A segment is removed through the same unlink protocol as a
     * normal detach, so a process attaching at that moment is never left holding a deleted file unawares.
     *
     * @return how many files were removed
     */
    public static int sweep() {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DIR, PREFIX + "*")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                try {
                    if (sweepOne(p, name)) {
                        removed++;
                    }
                } catch (IOException | RuntimeException ignored) {
                    // A file we cannot read or that vanished under us is someone else's business.
                }
            }
        } catch (IOException ignored) {
            // No directory listing: nothing to sweep.
        }
        return removed + sweepSockets();
    }

    /** Only names this library makes are touched: other programs may share the prefix. */
    private static final Pattern SEGMENT = Pattern.compile("procbook-([0-9]+)-[0-9a-f]{16}");
    private static final Pattern SPILL = Pattern.compile("(procbook-[0-9]+-[0-9a-f]{16})\\.s[0-9a-f]{16}");
    private static final Pattern OLD_SOCKET = Pattern.compile("procbook-([0-9]+)\\.wake");
    private static final Pattern SOCKET = Pattern.compile("([0-9]+)\\.wake");

    private static boolean sweepOne(Path p, String name) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink() || a.isDirectory() || !mine(p)) {
            return false; // never followed, never judged: not a file this user's processes made
        }
        Matcher m = OLD_SOCKET.matcher(name);
        if (m.matches()) {
            return !Pids.mayHaveMade(parsePid(m.group(1)), a.lastModifiedTime()) && Files.deleteIfExists(p);
        }
        m = SPILL.matcher(name);
        if (m.matches()) {
            return !Files.exists(DIR.resolve(m.group(1)), LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p);
        }
        m = SEGMENT.matcher(name);
        if (m.matches() && a.isRegularFile() && !Pids.mayHaveMade(parsePid(m.group(1)), a.lastModifiedTime())) {
            return Segment.unlinkIfUnused(p);
        }
        return false;
    }

    /** Removes the sockets of this user's processes that are gone from the private folder. */
    private static int sweepSockets() {
        Path d = wakeDir();
        if (d == null) return 0;
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.wake")) {
            for (Path p : ds) {
                Matcher m = SOCKET.matcher(p.getFileName().toString());
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (m.matches() && !a.isSymbolicLink() && mine(p)
                            && !Pids.mayHaveMade(parsePid(m.group(1)), a.lastModifiedTime())
                            && Files.deleteIfExists(p)) {
                        removed++;
                    }
                } catch (IOException | RuntimeException ignored) {
                    // vanished under us
                }
            }
        } catch (IOException ignored) {
            // no listing: nothing to sweep
        }
        return removed;
    }

    /** Whether this user owns {@code p} itself (a link is never followed); true where owners are unknown. */
    static boolean mine(Path p) {
        return Pids.myUid() < 0 || Pids.uidOf(p, LinkOption.NOFOLLOW_LINKS) == Pids.myUid();
    }

    /** Whether {@code p} itself (not a link's target) is known to belong to another user. */
    static boolean foreign(Path p) {
        int owner = Pids.uidOf(p, LinkOption.NOFOLLOW_LINKS);
        return owner >= 0 && Pids.myUid() >= 0 && owner != Pids.myUid();
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
