package io.procbook.mp.internal;

import java.lang.System.Logger.Level;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class data sharing archive of the runtime's own classes, so that a child JVM maps them instead of
 * loading and verifying them (tens of ms per child).
 *
 * <p>Made once per (JDK, class path) in the background, by a child JVM taken through a child's whole path
 * ({@link ArchiveTraining}): with {@code -XX:ArchiveClassesAtExit} (a dynamic archive) before JDK 25, with
 * {@code -XX:AOTCacheOutput} (an AOT cache, JEP 483) from JDK 25 on, which also keeps the classes linked and
 * the path's lambda and method-handle call sites resolved, so that a child does much less before it runs
 * user code (but not the path's method profiles, see {@link #WITHOUT_PROFILES}). ({@code -XX:+AutoCreateSharedArchive} would only exist from JDK 19, and
 * would make whichever child happened to be first pay for the dump.) Children started before the archive
 * exists simply run without it.
 * The archive is kept under {@code $XDG_CACHE_HOME/procbook} (default {@code ~/.cache/procbook}), named by a
 * hash of the JDK, the class path and the size and time of each entry, because the JVM refuses an archive
 * whose class path changed. The system property {@code procbook.cds=false} turns it off.
 */
final class CdsArchive {

    private static final System.Logger LOG = LazyLogger.of(CdsArchive.class);

    private static final ConcurrentHashMap<String, Boolean> DUMPING = new ConcurrentHashMap<>();
    /** JDK 25 has the one-step AOT cache workflow; JDK 24's needs two runs, so it keeps the dynamic archive. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    /**
     * JDK 25's AOT cache also keeps the training run's method profiles (JEP 515), with which a child's JIT
     * compiles the runtime's start-up path early: 5-14 ms more CPU per child here, for code that runs once.
     * The cache is made without them and children do not replay them; the flags are diagnostic, so they are
     * named only for the JDK they are known in (an unknown one would stop every child from starting).
     */
    private static final boolean WITHOUT_PROFILES = Runtime.version().feature() == 25;

    private CdsArchive() { }

    /** @return the flags that make a child use the archive for this class path, if it exists yet */
    static List<String> flags(String classpath) {
        if (!Boolean.parseBoolean(System.getProperty("procbook.cds", "true"))) return List.of();
        Path archive = archiveFor(classpath);
        if (archive == null) return List.of();
        if (Files.isRegularFile(archive)) {
            if (!AOT_CACHE) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            List<String> use = new ArrayList<>(List.of("-XX:AOTCache=" + archive, "-Xlog:cds=off", "-Xlog:aot=off"));
            if (WITHOUT_PROFILES) use.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining"));
            return use;
        }
        if (DUMPING.putIfAbsent(classpath, Boolean.TRUE) == null) {
            Thread t = new Thread(() -> dump(classpath, archive), "procbook-cds-dump");
            t.setDaemon(true);
            t.start();
        }
        return List.of();
    }

    private static Path archiveFor(String classpath) {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path dir = cache != null && !cache.isEmpty() ? Path.of(cache, "procbook")
                : Path.of(System.getProperty("user.home"), ".cache", "procbook");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((System.getProperty("java.home") + '\n' + System.getProperty("java.vm.version") + '\n'
                    + classpath).getBytes(StandardCharsets.UTF_8));
            for (String e : classpath.split(File.pathSeparator)) {
                File f = new File(e);
                md.update((f.length() + ":" + f.lastModified() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return dir.resolve("cds-" + HexFormat.of().formatHex(md.digest(), 0, 12) + (AOT_CACHE ? ".aot" : ".jsa"));
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** Every rebuilt jar makes a new archive; keep the most recent few, not all of them. */
    private static void pruneOldArchives(Path dir) throws IOException {
        List<Path> all;
        try (var s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().matches("cds-[0-9a-f]+\\.(jsa|aot)"))
                    .sorted(java.util.Comparator.comparingLong((Path p) -> p.toFile().lastModified()).reversed())
                    .toList();
        }
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) Files.deleteIfExists(old);
    }

    private static final int KEEP = 4;

    private static final java.util.regex.Pattern TEMPORARY =
            java.util.regex.Pattern.compile("cds-[0-9a-f]+\\.(?:jsa|aot)\\.(\\d+)\\.tmp(?:\\.config)?");

    /**
     * Deletes the temporary files of dumps whose JVM died before it could remove them (a parent killed while
     * its dump ran leaves the half-written archive and the AOT cache's training configuration). A file of a
     * dump still running, named by a live pid, is kept.
     */
    static void sweepAbandoned(Path dir) throws IOException {
        List<Path> stale;
        try (var s = Files.list(dir)) {
            stale = s.filter(p -> {
                java.util.regex.Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true);
            }).toList();
        }
        for (Path p : stale) Files.deleteIfExists(p);
    }

    private static void dump(String classpath, Path archive) {
        Path tmp = null;
        try {
            Files.createDirectories(archive.getParent());
            sweepAbandoned(archive.getParent());
            tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> output = new ArrayList<>(AOT_CACHE
                    ? List.of("-XX:AOTCacheOutput=" + tmp, "-Xlog:cds=off", "-Xlog:aot=off")
                    : List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            if (WITHOUT_PROFILES) output.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining"));
            if (ArchiveTraining.run(classpath, output) && Files.isRegularFile(tmp) && Files.size(tmp) > 0) {
                Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                pruneOldArchives(archive.getParent());
            }
        } catch (IOException | InterruptedException e) {
            // no archive: children start a little slower, nothing else changes
            LOG.log(Level.DEBUG, () -> "no class data archive for children: " + e);
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                    // the AOT cache's training run records its configuration beside the output, removed unless killed
                    Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".config"));
                } catch (IOException ignored) {
                    // the cache directory is ours; a stale tmp file is overwritten next time
                }
            }
        }
    }
}
