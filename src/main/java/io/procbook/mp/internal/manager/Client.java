package io.procbook.mp.internal.manager;

import io.procbook.mp.AuthenticationException;
import io.procbook.mp.ManagerException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.WriteAbortedException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * This process's connections to one manager server. A call borrows an idle authenticated connection (or opens
 * one) and gives it back afterwards, so concurrent threads never share a connection and a thread blocked in a
 * remote take() does not hold up another thread's calls. A connection that failed is dropped, never reused.
 */
public final class Client {

    private static final Map<String, Client> CLIENTS = new ConcurrentHashMap<>();
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Endpoint endpoint;
    private final AllowList filter;
    private final ConcurrentLinkedDeque<ObjectChannel> idle = new ConcurrentLinkedDeque<>();

    private Client(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.filter = new AllowList(endpoint.allowed());
    }

    /** The shared client of this process for {@code endpoint}. */
    public static Client of(Endpoint endpoint) {
        return CLIENTS.computeIfAbsent(endpoint.poolKey(), k -> new Client(endpoint));
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Opens and authenticates a connection now, so a wrong key or an absent server is reported here.
     *
     * @throws AuthenticationException if the server refuses the key (or the server is not a manager)
     * @throws ManagerException        if nothing answers at the address
     */
    public void check() {
        idle.push(open());
    }

    Object call(Messages.Request request, String what) {
        ObjectChannel c = idle.poll();
        if (c == null) {
            c = open();
        }
        Messages.Reply reply;
        try {
            c.send(request);
            reply = (Messages.Reply) c.receive();
        } catch (WriteAbortedException e) {
            idle.push(c); // the server's stream stays usable after an aborted write
            throw new ManagerException("the manager at " + endpoint + " could not send the result of " + what
                    + ": " + e.getCause(), e.getCause());
        } catch (EOFException | SocketException e) {
            c.close();
            throw new ManagerException("the manager at " + endpoint + " closed the connection during " + what
                    + " (it was shut down or died): " + e, e);
        } catch (IOException | ClassNotFoundException e) {
            c.close();
            throw new ManagerException("call " + what + " to the manager at " + endpoint + " failed: " + e, e);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        if (reply.error() instanceof ManagerException) {
            c.close(); // the server refused what we sent and hung up
        } else {
            idle.push(c);
        }
        if (reply.error() != null) {
            Throwable t = reply.error();
            // the server-side exception keeps its type (so catch blocks work) and its server stack; where the
            // call was made from travels along as a suppressed exception
            t.addSuppressed(new ManagerException("raised by the manager at " + endpoint + " in " + what));
            sneakyThrow(t);
        }
        return reply.value();
    }

    /** Asks the server to stop (only its starter does this). */
    public void shutdownServer() {
        call(new Messages.Shutdown(), "shutdown");
    }

    /** Forgets every idle connection (e.g. after the server was shut down). */
    public void drop() {
        ObjectChannel c;
        while ((c = idle.poll()) != null) {
            c.close();
        }
        CLIENTS.remove(endpoint.poolKey(), this);
    }

    private ObjectChannel open() {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(ManagerServer.AUTH_TIMEOUT_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            Auth.asClient(in, new DataOutputStream(s.getOutputStream()), endpoint.key());
            s.setSoTimeout(0);
            return new ObjectChannel(s, in, s.getOutputStream(), filter);
        } catch (AuthenticationException e) {
            close(s);
            throw new AuthenticationException(e.getMessage() + " (manager at " + endpoint + ")");
        } catch (IOException e) {
            close(s);
            throw new ManagerException("cannot reach the manager at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing was established
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
