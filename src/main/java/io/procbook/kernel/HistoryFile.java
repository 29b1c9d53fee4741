package io.procbook.kernel;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Input history kept across kernel runs in a JSON-lines file, one {@code {"session","line","input"}} object per
 * line. Kernels running at the same time share the file: every read-modify-write happens under a file lock, and
 * each kernel reserves its session number by appending a marker line. The file is rewritten with only the
 * newest entries when it holds more than twice the bound.
 *
 * <p>Every cell ever run is in it, so only its owner may read it: it is created 0600 (and made so if an older
 * version left it readable by others), and folders created for it are 0700. A folder that already existed is
 * left as it is (it may be shared, e.g. {@code PROCBOOK_HISTORY=/tmp/history.jsonl}).
 */
final class HistoryFile {
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path path;
    private final int maxEntries;

    HistoryFile(Path path, int maxEntries) {
        this.path = path;
        this.maxEntries = maxEntries;
    }

    Path path() {
        return path;
    }

    int maxEntries() {
        return maxEntries;
    }

    /** $PROCBOOK_HISTORY if set, else $XDG_DATA_HOME/procbook/history.jsonl, else ~/.local/share/procbook/... */
    static Path defaultPath() {
        String explicit = System.getenv("PROCBOOK_HISTORY");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("procbook").resolve("history.jsonl");
    }

    /** What {@link #open} found: this run's session number and the newest earlier entries, oldest first. */
    record Opened(int session, List<HistoryEntry> past) { }

    /**
     * Reads the file (skipping lines that are not history entries), compacts it if it grew too large and
     * reserves a new session number.
     */
    Opened open() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (posix(dir.getRoot())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
        try (FileChannel ch = openPrivate(StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Deque<HistoryEntry> newest = new ArrayDeque<>();
            int maxSession = 0;
            long total = 0;
            for (String line : readAll(ch).split("\n")) {
                HistoryEntry e = parse(line);
                if (e == null) {
                    continue;
                }
                maxSession = Math.max(maxSession, e.session());
                if (!e.isSessionMarker()) {
                    total++;
                    newest.addLast(e);
                    if (newest.size() > maxEntries) {
                        newest.removeFirst();
                    }
                }
            }
            int session = maxSession + 1;
            HistoryEntry marker = new HistoryEntry(session, 0, "");
            if (total > 2L * maxEntries) {
                rewrite(ch, newest, marker);
            } else {
                ch.position(ch.size());
                writeFully(ch, format(marker).getBytes(StandardCharsets.UTF_8));
            }
            return new Opened(session, new ArrayList<>(newest));
        }
    }

    void append(HistoryEntry entry) throws IOException {
        byte[] bytes = format(entry).getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = openPrivate(StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock ignored = ch.lock()) {
            writeFully(ch, bytes);
        }
    }

    /** Opens the file, creating it readable by its owner only, and taking group and others' rights away. */
    private FileChannel openPrivate(OpenOption... options) throws IOException {
        Set<OpenOption> opts = new HashSet<>(Arrays.asList(options));
        opts.add(StandardOpenOption.CREATE);
        if (!posix(path.toAbsolutePath().getRoot())) {
            return FileChannel.open(path, opts);
        }
        FileChannel ch = FileChannel.open(path, opts, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
            if (!OWNER_ONLY_FILE.containsAll(now)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY_FILE);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    private static boolean posix(Path root) {
        return root != null && root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Rewrites in place through the locked channel: replacing the file by a renamed copy would let a kernel
     * that already opened the old file append to an unlinked inode.
     */
    private static void rewrite(FileChannel ch, Deque<HistoryEntry> keep, HistoryEntry marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (HistoryEntry e : keep) {
            sb.append(format(e));
        }
        sb.append(format(marker));
        ch.truncate(0);
        ch.position(0);
        writeFully(ch, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static String readAll(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), Integer.MAX_VALUE - 16));
        ch.position(0);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
            // keep reading
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static String format(HistoryEntry e) {
        JsonObject o = new JsonObject();
        o.addProperty("session", e.session());
        o.addProperty("line", e.line());
        o.addProperty("input", e.input());
        return Json.GSON.toJson(o) + "\n";
    }

    /** A history entry, or null for a blank, damaged or foreign line (a crash may leave a partial last line). */
    private static HistoryEntry parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonObject o = Json.parseObject(line);
            int session = Json.requiredInteger(o, "session");
            int number = Json.requiredInteger(o, "line");
            String input = Json.string(o, "input", "");
            return session > 0 && number >= 0 ? new HistoryEntry(session, number, input) : null;
        } catch (IllegalArgumentException | BadRequestException e) {
            return null;
        }
    }
}
