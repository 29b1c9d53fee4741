package io.procbook.shell;

import io.procbook.display.Display;
import io.procbook.display.DisplayHandle;
import io.procbook.display.MimeBundle;
import io.procbook.display.Renderable;
import io.procbook.display.Renderers;
import io.procbook.monitor.Monitor;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every session starts with: JShell's usual packages, the runtime library on demand plus a
 * single-type import of each of its public top-level types whose simple name is also a type of
 * {@code java.lang} or of one of those packages (found by scanning the jar or class directory, since the library
 * grows; the single-type import makes {@code Process} and {@code Queue} the library's, where two on-demand
 * imports would be ambiguous), the monitor's package on demand, the display types, and static imports of
 * {@code display(...)} and {@code input(...)}.
 *
 * <p>Why not a single-type import of every runtime type: JShell puts every import into every compilation of
 * every snippet, and javac resolves each single-type import by loading its class, three times for a cell like
 * {@code 1+1}; on-demand imports cost nothing until a name is looked up.
 */
final class RuntimeImports {

    static final String RUNTIME_PACKAGE = io.procbook.mp.Process.class.getPackageName();
    /**
     * The monitor's types (Monitor, MonitorSnapshot, SeriesSnapshot, Sample...), for reading the recorded CPU
     * use in a cell. On demand, not one by one: a cell's own {@code record Sample(...)} then simply shadows
     * ours, where a single-type import would make it a compile error. None of its public names is also a type
     * of java.lang, of {@link #DEFAULTS} or of the runtime package, which would make that name ambiguous.
     */
    static final String MONITOR_PACKAGE = Monitor.class.getPackageName();

    private static final List<String> DEFAULTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.time.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*", "java.util.stream.*");

    private static final List<String> DISPLAY = List.of(
            MimeBundle.class.getName(), DisplayHandle.class.getName(), Renderable.class.getName(),
            Renderers.class.getName());

    private static final List<String> STATICS = List.of(
            Display.class.getName() + ".display", Display.class.getName() + ".clearOutput",
            Input.class.getName() + ".input", Input.class.getName() + ".password");

    private RuntimeImports() { }

    /** @return the import statements, one snippet each */
    static List<String> statements(ClassLoader loader) {
        List<String> all = new ArrayList<>();
        DEFAULTS.forEach(p -> all.add("import " + p + ";"));
        all.add("import " + RUNTIME_PACKAGE + ".*;");
        publicTypes(RUNTIME_PACKAGE, loader).stream().filter(t -> clashesWithADefault(t, loader))
                .forEach(t -> all.add("import " + t + ";"));
        all.add("import " + MONITOR_PACKAGE + ".*;");
        DISPLAY.forEach(t -> all.add("import " + t + ";"));
        STATICS.forEach(m -> all.add("import static " + m + ";"));
        return all;
    }

    /**
     * The public top-level types of a package, in name order, from every jar or directory that holds part of
     * it (not its subpackages).
     */
    static List<String> publicTypes(String packageName, ClassLoader loader) {
        String dir = packageName.replace('.', '/');
        Set<String> names = new TreeSet<>();
        try {
            List<URL> roots = Collections.list(loader.getResources(dir));
            Path own = ownLocation();
            if (roots.isEmpty() && own != null) roots = List.of(own.toUri().toURL()); // jars without directory entries
            for (URL url : roots) names.addAll(classFiles(url, dir));
        } catch (IOException e) {
            return List.of();
        }
        return names.stream()
                .filter(n -> n.endsWith(".class") && n.indexOf('$') < 0)
                .map(n -> packageName + "." + n.substring(0, n.length() - ".class".length()))
                .filter(n -> !n.endsWith(".package-info") && !n.endsWith(".module-info"))
                .filter(n -> isPublic(n, loader))
                .toList();
    }

    /** File names directly inside the package directory {@code dir} of a root given as a resource URL. */
    private static List<String> classFiles(URL url, String dir) throws IOException {
        try {
            if ("file".equals(url.getProtocol())) {
                Path p = Path.of(url.toURI());
                if (Files.isDirectory(p) && p.endsWith(dir)) {
                    try (Stream<Path> files = Files.list(p)) {
                        return files.map(f -> f.getFileName().toString()).toList();
                    }
                }
                if (Files.isDirectory(p)) return classFiles(p.resolve(dir).toUri().toURL(), dir);
                return jarEntries(p, dir);
            }
            if ("jar".equals(url.getProtocol())) {
                String s = url.toString();
                return jarEntries(Path.of(new URI(s.substring("jar:".length(), s.indexOf("!/")))), dir);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file we can list
        }
        return List.of();
    }

    private static List<String> jarEntries(Path jarPath, String dir) throws IOException {
        if (!Files.isRegularFile(jarPath)) return List.of();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(dir + "/") && n.indexOf('/', dir.length() + 1) < 0)
                    .map(n -> n.substring(dir.length() + 1))
                    .toList();
        }
    }

    /** @return the jar or class directory the engine (and with it the runtime library) was loaded from */
    static Path ownLocation() {
        try {
            CodeSource cs = RuntimeImports.class.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether a type of this simple name is also in {@code java.lang} or a package of {@link #DEFAULTS}. */
    private static boolean clashesWithADefault(String type, ClassLoader loader) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return Stream.concat(Stream.of("java.lang.*"), DEFAULTS.stream())
                .map(p -> p.substring(0, p.length() - 1) + simple)
                .anyMatch(name -> isPublic(name, loader));
    }

    private static boolean isPublic(String className, ClassLoader loader) {
        try {
            return Modifier.isPublic(Class.forName(className, false, loader).getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
