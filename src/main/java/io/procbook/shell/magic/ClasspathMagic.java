package io.procbook.shell.magic;

import io.procbook.mp.spi.Hooks;
import io.procbook.shell.api.Engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code %classpath PATH...} and {@code %jars GLOB...}: add jars or class directories to the session and to
 * every child process started afterwards (pool workers included). With no argument, list what was added.
 */
final class ClasspathMagic implements Magic {

    private final boolean glob;

    private ClasspathMagic(boolean glob) {
        this.glob = glob;
    }

    static ClasspathMagic classpath() { return new ClasspathMagic(false); }

    static ClasspathMagic jars() { return new ClasspathMagic(true); }

    @Override public String name() { return glob ? "jars" : "classpath"; }
    @Override public boolean cellMagic() { return false; }
    @Override public String usage() { return glob ? "%jars GLOB..." : "%classpath PATH..."; }

    @Override
    public String summary() {
        return glob ? "Add the jars matching each glob (e.g. lib/*.jar) to the session and to child processes."
                    : "Add jars or class directories to the session and to child processes; alone, list them.";
    }

    @Override
    public Engine.ExecuteOutcome run(String args, String body, MagicContext ctx) {
        if (args.isBlank()) {
            List<Path> added = Hooks.extraClasspath();
            ctx.out().stream("stdout", added.isEmpty() ? "No class path entries added.\n"
                    : "Added class path entries:\n" + String.join("\n", added.stream().map(p -> "  " + p).toList()) + "\n");
            return Engine.ExecuteOutcome.ok(null);
        }
        List<Path> entries = new ArrayList<>();
        for (String arg : args.split("[\\s" + File.pathSeparator + "]+")) {
            if (arg.isEmpty()) continue;
            entries.addAll(glob ? expand(arg) : List.of(existing(arg)));
        }
        // Check every entry before adding any, so a typo in the third path does not leave two added.
        for (Path p : entries) ctx.addClasspath(p);
        ctx.out().stream("stdout", "Added to the class path:\n"
                + String.join("\n", entries.stream().map(p -> "  " + p).toList()) + "\n");
        return Engine.ExecuteOutcome.ok(null);
    }

    private static Path existing(String arg) {
        Path p = Path.of(expandHome(arg)).toAbsolutePath().normalize();
        if (!Files.exists(p)) throw new MagicException("no such file or directory: " + p);
        if (Files.isRegularFile(p) && !p.toString().endsWith(".jar") && !p.toString().endsWith(".zip")) {
            throw new MagicException("not a jar or a class directory: " + p);
        }
        return p;
    }

    static List<Path> expand(String pattern) {
        String pat = expandHome(pattern);
        int star = indexOfGlob(pat);
        if (star < 0) return List.of(existing(pat));
        int slash = pat.lastIndexOf('/', star);
        Path base = Path.of(slash < 0 ? "." : slash == 0 ? "/" : pat.substring(0, slash)).toAbsolutePath().normalize();
        String rel = slash < 0 ? pat : pat.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rel);
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> walk = Files.walk(base, rel.contains("**") ? Integer.MAX_VALUE : rel.split("/").length)) {
                walk.filter(p -> !p.equals(base) && matcher.matches(base.relativize(p)))
                    .filter(p -> Files.isDirectory(p) || p.toString().endsWith(".jar"))
                    .sorted().forEach(found::add);
            } catch (IOException e) {
                throw new MagicException("cannot read " + base + ": " + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) throw new MagicException("no jar matches " + pattern);
        return found;
    }

    private static int indexOfGlob(String s) {
        for (int i = 0; i < s.length(); i++) if ("*?[{".indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    private static String expandHome(String p) {
        return p.equals("~") || p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
    }
}
