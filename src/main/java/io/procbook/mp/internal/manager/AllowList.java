package io.procbook.mp.internal.manager;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * The ObjectInputFilter of every manager connection (used only after authentication). It admits the JDK's
 * value and collection types, procbook's protocol records and exceptions, proxies of allowed interfaces, and
 * the classes a manager was explicitly told about; anything else (notably {@code SerializedLambda}, reflection
 * and scripting types, any third-party class) is rejected and named in the error, because a
 * deserialization gadget needs exactly such classes. Graph depth and array sizes are bounded too.
 */
final class AllowList implements ObjectInputFilter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final String[] JDK_PACKAGES = {"java.lang.", "java.util.", "java.time.", "java.math."};
    private static final String[] JDK_REFUSED_PACKAGES = {"java.lang.invoke.", "java.lang.reflect.",
        "java.lang.ref.", "java.lang.module.", "java.util.logging.", "java.util.prefs.", "java.util.jar.",
        "java.util.zip.", "java.util.spi."};
    private static final Set<String> JDK_REFUSED_CLASSES = Set.of("java.lang.Process", "java.lang.ProcessBuilder",
        "java.lang.Runtime", "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader",
        "java.lang.Class", "java.util.ServiceLoader");
    private static final long MAX_DEPTH = 64;
    private static final long MAX_ARRAY = 1 << 26;

    private final Set<String> extra;
    private final transient ThreadLocal<String> lastRejected = new ThreadLocal<>();

    AllowList(Set<String> extra) {
        this.extra = Set.copyOf(extra);
    }

    Set<String> extra() {
        return extra;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.arrayLength() > MAX_ARRAY) {
            lastRejected.set("a graph deeper than " + MAX_DEPTH + " or an array longer than " + MAX_ARRAY);
            return Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED;
        }
        if (allowed(c)) {
            return Status.ALLOWED;
        }
        lastRejected.set(c.getName());
        return Status.REJECTED;
    }

    /** What the last rejection on this thread was about, for the error message. */
    String lastRejected() {
        String r = lastRejected.get();
        return r == null ? "a class outside the allow-list" : r;
    }

    boolean admits(Class<?> c) {
        return allowed(c);
    }

    private boolean allowed(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || c == Proxy.class) {
            return true;
        }
        if (Proxy.isProxyClass(c)) {
            for (Class<?> i : c.getInterfaces()) {
                if (!allowed(i)) {
                    return false;
                }
            }
            return true;
        }
        String n = c.getName();
        if (extra.contains(n)) {
            return true;
        }
        if (n.startsWith("io.procbook.mp.internal.manager.")) {
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
