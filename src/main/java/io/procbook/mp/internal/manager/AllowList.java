package io.procbook.mp.internal.manager;

import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Which classes a manager connection deserializes (only after authentication, and per message within the
 * bounds of {@link MessageLimits}): the JDK's value and collection types, procbook's public interfaces and
 * exceptions, the protocol's own messages and the serialized form of a proxy's handler, proxies of admitted
 * interfaces, and the classes a manager was explicitly told about. Anything else (notably
 * {@code SerializedLambda}, reflection and scripting types, any third-party class, and every other class of
 * procbook's internals) is refused and named in the error, because a deserialization gadget needs exactly such
 * classes.
 */
final class AllowList {

    private static final String[] JDK_PACKAGES = {"java.lang.", "java.util.", "java.time.", "java.math."};
    private static final String[] JDK_REFUSED_PACKAGES = {"java.lang.invoke.", "java.lang.reflect.",
        "java.lang.ref.", "java.lang.module.", "java.util.logging.", "java.util.prefs.", "java.util.jar.",
        "java.util.zip.", "java.util.spi."};
    private static final Set<String> JDK_REFUSED_CLASSES = Set.of("java.lang.Process", "java.lang.ProcessBuilder",
        "java.lang.Runtime", "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader",
        "java.lang.Class", "java.util.ServiceLoader");
    /**
     * What of the manager's own package travels: its messages and a proxy handler's form, nothing else. The
     * handler itself is listed because the filter also sees what a form resolves to; a handler written
     * directly, not as its form, refuses to be read.
     */
    private static final Set<Class<?>> PROTOCOL = Set.of(ManagerProtocol.Create.class, ManagerProtocol.Invoke.class,
        ManagerProtocol.Snapshot.class, ManagerProtocol.ReplaceContents.class, ManagerProtocol.Shutdown.class, ManagerProtocol.Reply.class,
        RemoteHandler.Form.class, RemoteHandler.class);

    private final Set<String> extra;

    AllowList(Set<String> extra) {
        this.extra = Set.copyOf(extra);
    }

    /** Whether instances of {@code c} (or arrays of them) may be deserialized. */
    boolean admits(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || c == Proxy.class || PROTOCOL.contains(c)) {
            return true;
        }
        if (Proxy.isProxyClass(c)) {
            for (Class<?> i : c.getInterfaces()) {
                if (!admits(i)) {
                    return false;
                }
            }
            return true;
        }
        String n = c.getName();
        if (extra.contains(n)) {
            return true;
        }
        if (n.startsWith("io.procbook.mp.") && n.indexOf('.', "io.procbook.mp.".length()) < 0
                && (c.isInterface() || Throwable.class.isAssignableFrom(c))) {
            return true;
        }
        if (n.startsWith("java.io.") && Throwable.class.isAssignableFrom(c)) {
            return true;
        }
        if (JDK_REFUSED_CLASSES.contains(n)) {
            return false;
        }
        for (String refused : JDK_REFUSED_PACKAGES) {
            if (n.startsWith(refused)) {
                return false;
            }
        }
        for (String p : JDK_PACKAGES) {
            if (n.startsWith(p)) {
                return c.getClassLoader() == null;
            }
        }
        return false;
    }
}
