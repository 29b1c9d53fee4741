package io.procbook.mp.internal.manager;

import java.io.Serializable;
import java.util.List;

/** What a client and a manager server say to each other after authentication: one request, one reply. */
final class ManagerProtocol {

    private ManagerProtocol() { }

    /** A request from a client. */
    sealed interface Request extends Serializable permits Create, Invoke, Snapshot, ReplaceContents, Shutdown { }

    /**
     * Calls the factory registered as {@code typeid} and returns the new (or already served) object's id;
     * {@code route} says where what the factory prints goes (see {@link CallRoutes}).
     */
    record Create(String typeid, Object[] args, int route) implements Request { }

    /**
     * Invokes an interface method of a served object. {@code signature} is the method name and parameter type
     * names joined by '|'; {@code caller} names the client thread (for RLock); {@code route} says where what
     * the method prints goes (see {@link CallRoutes}).
     */
    record Invoke(long id, String signature, Object[] args, String caller, int route) implements Request { }

    /** Returns a consistent copy of a served Map (as a LinkedHashMap) or Collection (as an ArrayList). */
    record Snapshot(long id) implements Request { }

    /** Replaces a served List's contents only if they still equal {@code expected}; returns whether it did. */
    record ReplaceContents(long id, List<?> expected, List<?> replacement) implements Request { }

    /** Stops the server after replying. */
    record Shutdown() implements Request { }

    /** The answer: a value, or the exception the call threw on the server. */
    record Reply(Object value, Throwable error) implements Serializable { }
}
