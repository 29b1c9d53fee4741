package io.procbook.mp.internal;

import io.procbook.mp.spi.Hooks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a child JVM: this JVM's {@code java}, this JVM's class path plus the entries the host
 * added ({@link Hooks#extraClasspath()}), and flags that make a small JVM start fast without slowing a
 * CPU-bound one down.
 *
 * <p>Flag choices (measured on 2 cores): {@code -XX:-UsePerfData} skips creating the hsperfdata file.
 * {@code -XX:+UseSerialGC} needs no GC threads for the small heaps children mostly have, and its cheaper
 * write barrier makes allocation-heavy work (a pool mapping over boxed numbers) 10-20 % faster than under G1.
 * But before JDK 25 the class data sharing archives map their pre-built Java heap (the module graph,
 * interned strings) only under G1, and only if they were made under G1: without it a JVM boots on 15-20 ms
 * more CPU (a main class from the runtime's archive: 28 ms against 48 ms on JDK 17 here), which a loop of
 * starts pays at every iteration. So there a child launched to be a pool worker gets SerialGC and every
 * other one (a {@code Process}, pre-started or not) keeps the default collector; the archive is made under
 * it. From JDK 25 on every child gets SerialGC.
 * {@code -XX:TieredStopAtLevel=1} would start faster but caps the JIT at C1, which costs CPU-bound work
 * several times over, so it is not used. Class data sharing for the runtime's own classes
 * comes from {@link CdsArchive}. More flags (say {@code -Xmx8g}) can be given in the system property
 * {@code procbook.childJvmOptions}, separated by spaces. A child runs in its parent's platform mode
 * ({@link Platform#childJvmFlags()}).
 */
final class JvmCommand {

    /**
     * The child's main class, by name: the parent only names the program another JVM runs, and a class literal
     * would make this package depend on the child's, which depends on this one. JvmCommandTest binds the name
     * to the class, so a rename that misses it fails there.
     */
    static final String CHILD_MAIN = "io.procbook.mp.internal.child.ChildMain";

    private JvmCommand() { }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return the class path children get: this JVM's, then the host's additions */
    static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) entries.add(e);
        }
        for (Path p : Hooks.extraClasspath()) entries.add(p.toString());
        return String.join(File.pathSeparator, entries);
    }

    /**
     * @param longLived whether the JVM is launched to serve a pool (see the class comment)
     * @return the flags a child JVM gets first; the archive's training run gets those of a child that is not,
     *         since most children are not and an archive made under another collector loses its heap
     */
    static List<String> baseFlags(boolean longLived) {
        return longLived || SERIAL_GC_SHARES_HEAP ? List.of("-XX:+UseSerialGC", "-XX:-UsePerfData")
                : List.of("-XX:-UsePerfData");
    }

    /**
     * The JDK's own selector provider, named for children so that they need not look for another: without the
     * name, a JVM's first socket makes the JDK search the class path for a provider of that service, which
     * opens and indexes every jar on it (10-25 ms of a child's start with the kernel's jar, which a child
     * whose classes all come from the class data archive never opens otherwise). {@code null} when this JVM
     * uses a provider from elsewhere; a child then finds it the same way.
     */
    private static final String JDK_SELECTOR_PROVIDER = jdkSelectorProvider();

    private static String jdkSelectorProvider() {
        String name = java.nio.channels.spi.SelectorProvider.provider().getClass().getName();
        return name.startsWith("sun.nio.ch.") ? name : null;
    }

    /** Whether this JDK's class data sharing maps its archived heap under the serial collector (JDK 25 does). */
    private static final boolean SERIAL_GC_SHARES_HEAP = Runtime.version().feature() >= 25;

    /**
     * The command line: no secret on it (any local user can read a command line in /proc); the connection
     * token goes to the child's stdin ({@link ChildJvm#writeToken}).
     */
    static List<String> build(String address, boolean longLived) {
        String cp = classpath();
        String extra = System.getProperty("procbook.childJvmOptions", "").trim();
        List<String> options = extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
        return build(cp, address, longLived, CdsArchive.flags(cp), options);
    }

    /**
     * @param classDataFlags the class data sharing flags: the archive's to use it, or the ones that make it
     *                       (for the archive's training run, see {@link ArchiveTraining})
     * @param options        the host's options ({@code procbook.childJvmOptions}), which the training run
     *                       does without: it must not wait for a debugger someone asked children to wait for
     */
    static List<String> build(String cp, String address, boolean longLived,
                              List<String> classDataFlags, List<String> options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(baseFlags(longLived));
        cmd.add("-Dsun.stdout.encoding=UTF-8");
        cmd.add("-Dsun.stderr.encoding=UTF-8");
        cmd.add("-Dstdout.encoding=UTF-8");
        cmd.add("-Dstderr.encoding=UTF-8");
        cmd.addAll(Platform.childJvmFlags());
        if (JDK_SELECTOR_PROVIDER != null) cmd.add("-Djava.nio.channels.spi.SelectorProvider=" + JDK_SELECTOR_PROVIDER);
        cmd.addAll(classDataFlags);
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(CHILD_MAIN);
        cmd.add(address);
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        return cmd;
    }
}
