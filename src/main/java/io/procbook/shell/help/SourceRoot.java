package io.procbook.shell.help;

/** Where source files are read from: the kernel's own API sources, or the JDK's {@code src.zip}. */
interface SourceRoot {

    /**
     * @param path a source file's path in package form, e.g. {@code java/lang/String.java}
     * @return its text, or null if this root does not have it
     */
    String read(String path);
}
