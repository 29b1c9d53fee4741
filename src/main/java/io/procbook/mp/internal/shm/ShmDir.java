package io.procbook.mp.internal.shm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where shared-memory files live and how they are named, and the sweep of files left behind by dead processes
 * (Python's resource tracker idea, done lazily: the first process of this library to touch shared memory
 * removes what dead processes left).
 *
 * <p>Names: a segment is {@code procbook-<creatorpid>-<16 hex>}; a message too large for a queue slot is
 * spilled to {@code <segment>.s<16 hex>}; a process's wake-up socket is {@code procbook-<pid>.wake}. The
 * creator pid in a segment name lets the sweep skip, without opening, every file of a living creator.
 */
public final class ShmDir {

    static final String PREFIX = "procbook-";

    private static final Path DIR = chooseDir();
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static volatile boolean swept;

    private ShmDir() {
    }

    /** /dev/shm (RAM, no disk write-back) where it exists and is writable, else the temp directory. */
    private static Path chooseDir() {
        String forced = System.getProperty("procbook.shm.dir");
        if (forced != null) {
            return Paths.get(forced);
        }
        Path shm = Paths.get("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Paths.get(System.getProperty("java.io.tmpdir"));
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

    static Path socketPath(long pid) {
        return DIR.resolve(PREFIX + pid + ".wake");
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
     * segment is gone; sockets of dead processes. A segment is removed through the same unlink protocol as a
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
        return removed;
    }

    /** Only names this library makes are touched: other programs may share the prefix. */
    private static final Pattern SEGMENT = Pattern.compile("procbook-([0-9]+)-[0-9a-f]{16}");
    private static final Pattern SPILL = Pattern.compile("(procbook-[0-9]+-[0-9a-f]{16})\\.s[0-9a-f]{16}");
    private static final Pattern SOCKET = Pattern.compile("procbook-([0-9]+)\\.wake");

    private static boolean sweepOne(Path p, String name) throws IOException {
        Matcher m = SOCKET.matcher(name);
        if (m.matches()) {
            return !Pids.alive(parsePid(m.group(1))) && Files.deleteIfExists(p);
        }
        m = SPILL.matcher(name);
        if (m.matches()) {
            return !Files.exists(DIR.resolve(m.group(1))) && Files.deleteIfExists(p);
        }
        m = SEGMENT.matcher(name);
        if (m.matches() && !Pids.alive(parsePid(m.group(1)))) {
            return Segment.unlinkIfUnused(p);
        }
        return false;
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
