package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagerException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Java serialization over an authenticated socket. One long-lived stream pair per connection, reset after every
 * message so no stale object is ever sent as a back-reference (and the handle table does not grow), which is
 * much cheaper than a fresh stream per message. Every read goes through the connection's {@link AllowList}.
 */
final class ObjectChannel implements AutoCloseable {

    private final Socket socket;
    private final ObjectOutputStream out;
    private final ObjectInputStream in;
    private final AllowList filter;

    ObjectChannel(Socket socket, InputStream rawIn, OutputStream rawOut, AllowList filter) throws IOException {
        this.socket = socket;
        this.filter = filter;
        this.out = new ObjectOutputStream(new BufferedOutputStream(rawOut, 1 << 14));
        out.flush();
        this.in = new FilteredInput(new BufferedInputStream(rawIn, 1 << 14), filter);
    }

    void send(Object message) throws IOException {
        out.writeObject(message);
        out.reset();
        out.flush();
    }

    /**
     * @throws ManagerException if the peer sent a class the allow-list refuses (the stream is then unusable)
     */
    Object receive() throws IOException, ClassNotFoundException {
        try {
            return in.readObject();
        } catch (InvalidClassException e) {
            if (String.valueOf(e.getMessage()).contains("REJECTED")) {
                throw new ManagerException("refused to deserialize " + filter.lastRejected() + ": it is not on the"
                        + " manager's allow-list (JDK value and collection types, procbook types, and classes given"
                        + " to BaseManager.allow)", e);
            }
            throw e;
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken: nothing more to release
        }
    }

    /** Resolves classes through the thread's context loader first: a child's loader knows notebook classes. */
    private static final class FilteredInput extends ObjectInputStream {
        FilteredInput(InputStream in, AllowList filter) throws IOException {
            super(in);
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl != null) {
                try {
                    return Class.forName(desc.getName(), false, cl);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, the caller's loader)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
