package io.procbook.mp.internal.child;

import java.io.File;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Class path entries added to the parent after this JVM was launched (a pre-started JVM cannot change its own
 * class path, so they live in a loader between the class path and the notebook classes). Thread-safe.
 */
final class AddedClasspath extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Set<String> have = new HashSet<>(
            Arrays.asList(System.getProperty("java.class.path", "").split(File.pathSeparator)));

    AddedClasspath(ClassLoader parent) {
        super("procbook-added-classpath", new URL[0], parent);
    }

    /** Adds the entries this JVM's class path and earlier calls do not have yet. */
    synchronized void addAll(Iterable<String> entries) {
        for (String e : entries) {
            if (!have.add(e)) continue;
            try {
                addURL(Path.of(e).toUri().toURL());
            } catch (MalformedURLException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
