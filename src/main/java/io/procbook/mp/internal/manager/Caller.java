package io.procbook.mp.internal.manager;

/**
 * Which client thread a server-side call is made for. Server threads serve connections, not client threads (a
 * client thread may use any pooled connection), so owner-aware objects such as an RLock ask this instead of
 * {@code Thread.currentThread()}.
 */
public final class Caller {

    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final ThreadLocal<String> SERVED = new ThreadLocal<>();
    private static final ThreadLocal<String> OWN = ThreadLocal.withInitial(
            () -> PID + ":" + Thread.currentThread().getId());

    private Caller() { }

    /** The token this thread sends with each call: its process id and thread id. */
    static String token() {
        return OWN.get();
    }

    /** On the server, inside a call: the calling client thread's token; elsewhere this thread's own token. */
    public static String current() {
        String s = SERVED.get();
        return s != null ? s : token();
    }

    /** Set (null after the call): set, not remove, so that a server thread keeps one map entry for all calls. */
    static void serving(String caller) {
        SERVED.set(caller);
    }
}
