package io.procbook.mp.internal;

/**
 * Marks the object streams whose bytes stay among this user's processes of this runtime: what a process sends
 * to its children over their private socket (tasks, arguments, notebook variables, results) and the messages
 * of shared-memory objects (files created readable by this user only). Secrets an object carries when it is
 * serialized, such as a manager proxy's auth key, are written only into these streams and accepted only from
 * them; any other stream (a manager connection, a user's own {@code ObjectOutputStream}) gets the object
 * without them.
 */
public interface PrivateChannel {

    /**
     * Whether {@code stream} is one of the private streams.
     *
     * @param stream an {@code ObjectOutputStream} or {@code ObjectInputStream}
     * @return true if its bytes stay among this user's processes of this runtime
     */
    static boolean carries(Object stream) {
        return stream instanceof PrivateChannel;
    }
}
