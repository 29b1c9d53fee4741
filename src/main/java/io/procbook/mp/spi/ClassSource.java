package io.procbook.mp.spi;

/**
 * Supplies classes that exist in this JVM but not on any class path, such as the wrapper classes that JShell
 * generates for notebook cells. Children ask their parent for such classes on demand.
 *
 * <p>Implementations must be safe for use by many threads at once.
 */
public interface ClassSource {

    /**
     * Returns the bytecode of the named class as it was last defined by the host, or {@code null} if the host
     * did not define it (the class then comes from the class path).
     *
     * @param binaryName the class's binary name, e.g. {@code REPL.$JShell$12$Point}
     * @return the class file bytes, or {@code null}
     */
    byte[] bytecode(String binaryName);

    /**
     * Returns the live class of that name in this JVM, so that the runtime can read the current values of its
     * static fields (notebook variables) when a child needs them; {@code null} if the host did not define it.
     *
     * @param binaryName the class's binary name
     * @return the loaded class, or {@code null}
     */
    Class<?> loadedClass(String binaryName);
}
