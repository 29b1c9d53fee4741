package io.procbook.shell.help;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The sources of procbook's API, which the build puts into the kernel's jar (see the pom's resources), so that
 * they are found wherever the kernel is installed, and in the build's class directory in tests.
 */
final class OwnSources implements SourceRoot {

    /** Where in the jar: not beside the classes, where javac would take them for sources to compile. */
    static final String PREFIX = "META-INF/procbook-sources/";

    private final ClassLoader loader;

    OwnSources(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public String read(String path) {
        try (InputStream in = loader.getResourceAsStream(PREFIX + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
