package io.procbook.shell;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The imports every session starts with: JShell's usual packages, a single-type import of each public
 * top-level type of the runtime library (found by scanning the jar or class directory, since the library
 * grows; single-type imports shadow {@code java.lang.Process} and {@code java.util.Queue}), the display types,
 * and static imports of {@code display(...)} and {@code input(...)}.
 */
final class RuntimeImports {

    static final String RUNTIME_PACKAGE = "io.procbook.mp";

    private static final List<String> DEFAULTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.time.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*", "java.util.stream.*");

    private static final List<String> DISPLAY = List.of(
            "io.procbook.display.MimeBundle", "io.procbook.display.DisplayHandle",
            "io.procbook.display.Renderable", "io.procbook.display.Renderers");

    private static final List<String> STATICS = List.of(
            "io.procbook.display.Display.display", "io.procbook.display.Display.clearOutput",
            "io.procbook.shell.Input.input", "io.procbook.shell.Input.password");

    private RuntimeImports() { }

    /** @return the import statements, one snippet each */
    static List<String> statements(ClassLoader loader) {
        List<String> all = new ArrayList<>();
        DEFAULTS.forEach(p -> all.add("import " + p + ";"));
        publicTypes(RUNTIME_PACKAGE, loader).forEach(t -> all.add("import " + t + ";"));
        DISPLAY.forEach(t -> all.add("import " + t + ";"));
        STATICS.forEach(m -> all.add("import static " + m + ";"));
        return all;
    }

    /**
     * The public top-level types of a package, in name order, from the jar or directory that holds it
     * (not its subpackages).
     */
    static List<String> publicTypes(String packageName, ClassLoader loader) {
        Path root = location(loader, packageName);
        if (root == null) return List.of();
        String dir = packageName.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                Path pkg = root.resolve(dir);
                if (Files.isDirectory(pkg)) {
                    try (Stream<Path> files = Files.list(pkg)) {
                        files.map(p -> p.getFileName().toString()).forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(dir + "/") && n.indexOf('/', dir.length() + 1) < 0)
                            .map(n -> n.substring(dir.length() + 1))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return names.stream()
                .filter(n -> n.endsWith(".class") && n.indexOf('$') < 0)
                .map(n -> packageName + "." + n.substring(0, n.length() - ".class".length()))
                .filter(n -> !n.endsWith(".package-info") && !n.endsWith(".module-info"))
                .filter(n -> isPublic(n, loader))
                .sorted()
                .toList();
    }

    /** @return the jar or class directory holding the package, or null if it is on no file path */
    static Path location(ClassLoader loader, String packageName) {
        var url = loader.getResource(packageName.replace('.', '/'));
        try {
            if (url != null && "file".equals(url.getProtocol())) {
                Path pkg = Path.of(url.toURI());
                Path root = pkg;
                for (int i = 0; i < packageName.split("\\.").length; i++) root = root.getParent();
                return root;
            }
            if (url != null && "jar".equals(url.getProtocol())) {
                String s = url.toString();
                return Path.of(new java.net.URI(s.substring("jar:".length(), s.indexOf("!/"))));
            }
            // Jars without directory entries: fall back to where this engine's own classes come from.
            CodeSource cs = RuntimeImports.class.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isPublic(String className, ClassLoader loader) {
        try {
            return Modifier.isPublic(Class.forName(className, false, loader).getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
