package io.procbook.shell;

import io.procbook.mp.spi.ClassSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The bytecode of every class JShell has loaded in this kernel, as compiled (before any instrumentation the
 * execution engine adds), kept so that child JVMs can load notebook-defined classes on demand.
 * A redefinition replaces the bytes kept under that name: the latest definition wins.
 */
public final class ClassRegistry implements ClassSource {

    private final Map<String, byte[]> bytecode = new ConcurrentHashMap<>();
    private volatile Function<String, Class<?>> finder = name -> null;

    /**
     * Keeps a class's bytes. The array is kept as it is, not copied: JShell hands over the array its compiler
     * wrote and never changes it (and keeps it itself), and this registry only ever hands out copies, so a
     * session holds each class's bytes once less.
     */
    void record(String binaryName, byte[] classFile) {
        bytecode.put(binaryName, classFile);
    }

    void bindFinder(Function<String, Class<?>> finder) {
        this.finder = finder;
    }

    @Override
    public byte[] bytecode(String binaryName) {
        byte[] b = bytecode.get(binaryName);
        return b == null ? null : b.clone();
    }

    @Override
    public Class<?> loadedClass(String binaryName) {
        return bytecode.containsKey(binaryName) ? finder.apply(binaryName) : null;
    }

    /** @return how many classes are recorded */
    public int size() {
        return bytecode.size();
    }
}
