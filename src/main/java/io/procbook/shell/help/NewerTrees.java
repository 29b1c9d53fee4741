package io.procbook.shell.help;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls methods of doc-tree interfaces that are newer than Java 17 (the kernel is built for 17 and reads the
 * comments of whatever JDK it runs on). Through the public interface, so the call is allowed on any JDK.
 */
final class NewerTrees {

    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();

    private NewerTrees() { }

    /** @return what {@code tree.method()} returns, or null if this JDK has no such interface or method */
    static Object call(Object tree, String interfaceName, String method) {
        Method m = METHODS.computeIfAbsent(interfaceName + "#" + method, k -> find(interfaceName, method));
        if (m == null || !m.getDeclaringClass().isInstance(tree)) return null;
        try {
            return m.invoke(tree);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method find(String interfaceName, String method) {
        try {
            return Class.forName(interfaceName).getMethod(method);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
