package io.procbook.shell.help;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The JDK's sources, {@code lib/src.zip} of the JDK the kernel runs on: where JShell looks for them too. Most
 * JDK builds ship it; Debian's and Ubuntu's packages leave it to a separate package ({@code openjdk-17-source}),
 * and their {@code src.zip} is then a link to a file that is not there. Opened at the first look-up, kept open.
 */
final class JdkSources implements SourceRoot {

    private final Path zip;
    private ZipFile file;
    /** Package directory (java/lang) to the module directory it is in (java.base/); "" in a flat src.zip. */
    private Map<String, String> modules;
    private boolean failed;

    JdkSources(Path zip) {
        this.zip = zip;
    }

    /** @return the src.zip of the running JDK (in {@code lib}, or next to it as JShell also accepts) */
    static Path ofRunningJdk() {
        Path home = Path.of(System.getProperty("java.home"));
        Path lib = home.resolve("lib").resolve("src.zip");
        Path beside = home.getParent() == null ? lib : home.getParent().resolve("src.zip");
        return !Files.isReadable(lib) && Files.isReadable(beside) ? beside : lib;
    }

    Path zip() {
        return zip;
    }

    /** @return whether the JDK's sources can be read */
    boolean installed() {
        return Files.isReadable(zip);
    }

    /**
     * @return what to tell a reader who asks about a JDK class while the sources are missing: where they
     *         were looked for and how to install them
     */
    String missingNote() {
        int feature = Runtime.version().feature();
        String where = "The JDK's documentation is not installed (no " + zip + ").";
        // Debian's packaged JDK links lib/src.zip to the file its -source package would install.
        if (Files.isSymbolicLink(zip)) {
            return where + " Install it with: sudo apt-get install openjdk-" + feature + "-source";
        }
        return where + " Install your JDK's sources (lib/src.zip), or run the kernel on a JDK that ships them,"
                + " such as Temurin (./install.sh --java /path/to/jdk/bin/java).";
    }

    @Override
    public synchronized String read(String path) {
        if (!open()) return null;
        int slash = path.lastIndexOf('/');
        String module = modules.get(slash < 0 ? "" : path.substring(0, slash));
        if (module == null) return null;
        ZipEntry entry = file.getEntry(module + path);
        if (entry == null) return null;
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private boolean open() {
        if (file != null) return true;
        if (failed || !installed()) return false;
        try {
            file = new ZipFile(zip.toFile());
        } catch (IOException e) {
            failed = true;
            return false;
        }
        // One pass over the names (some 15,000): then every look-up is one entry read.
        modules = new HashMap<>();
        for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (!name.endsWith(".java")) continue;
            int first = name.indexOf('/');
            int last = name.lastIndexOf('/');
            boolean modular = first > 0 && name.substring(0, first).indexOf('.') > 0; // java.base/java/lang/...
            String module = modular ? name.substring(0, first + 1) : "";
            String dir = last < module.length() ? "" : name.substring(module.length(), last);
            modules.putIfAbsent(dir, module);
        }
        return true;
    }
}
