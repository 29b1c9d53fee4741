package io.procbook.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDKs installed beside the one the build runs on, found where JDKs are installed (no path is assumed): a
 * second JDK given in PROCBOOK_SECOND_JDK, the Linux distributions' folders, macOS's, and the per-user ones of
 * SDKMAN and IntelliJ. A candidate counts if it is a full JDK (it has {@code bin/java} and {@code bin/jshell}:
 * the kernel needs JShell) whose {@code release} file names its version.
 */
final class Jdks {

    /** A JDK: its home and its feature version (17, 21, 25 ...). */
    record Jdk(Path home, int feature, String version) {
        Path java() {
            return home.resolve("bin/java");
        }
    }

    private Jdks() { }

    /** @return the JDK with the highest feature version newer than the running one, if one is installed */
    static Optional<Jdk> newestBeyondRunning() {
        int running = Runtime.version().feature();
        return installed().stream().filter(j -> j.feature() > running).max(Comparator.comparingInt(Jdk::feature));
    }

    static List<Jdk> installed() {
        List<Path> homes = new ArrayList<>();
        String given = System.getenv("PROCBOOK_SECOND_JDK");
        if (given != null && !given.isBlank()) homes.add(Path.of(given));
        String user = System.getProperty("user.home");
        for (String root : List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/opt/jdk", "/Library/Java/JavaVirtualMachines",
                user + "/.sdkman/candidates/java", user + "/.jdks")) {
            Path r = Path.of(root);
            if (!Files.isDirectory(r)) continue;
            try (Stream<Path> s = Files.list(r)) {
                s.forEach(p -> homes.add(Files.isDirectory(p.resolve("Contents/Home")) ? p.resolve("Contents/Home") : p));
            } catch (IOException e) {
                // an unreadable folder holds no JDK we could use
            }
        }
        List<Jdk> found = new ArrayList<>();
        for (Path h : homes) jdkAt(h).filter(j -> found.stream().noneMatch(f -> same(f.home(), j.home()))).ifPresent(found::add);
        return found;
    }

    private static boolean same(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    private static Optional<Jdk> jdkAt(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isExecutable(home.resolve("bin/jshell"))
                || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
        try {
            return Optional.of(new Jdk(home, Runtime.Version.parse(version).feature(), version));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
