/**
 * Help for the names in a notebook: what {@code NAME?}, {@code NAME??} and inspect requests (Shift+Tab,
 * JupyterLab's contextual help) show.
 *
 * <p>{@link io.procbook.shell.help.Inspector} asks JShell what a name stands for and takes each overload's
 * signature from it; {@link io.procbook.shell.help.Javadocs} reads the comments from source files with javac's
 * parser: procbook's API from the kernel's jar (the build copies those sources under
 * {@code META-INF/procbook-sources}), the JDK's from its {@code lib/src.zip}, a cell's declarations from the
 * cell. JShell's own documentation cannot serve here: it looks for sources only in the JDK's src.zip, and it
 * parses and attributes the whole file at every request. Pages come as {@code text/plain} (within 100
 * columns) and {@code text/markdown}.
 */
package io.procbook.shell.help;
