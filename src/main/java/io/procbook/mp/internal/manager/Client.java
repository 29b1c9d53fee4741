package io.procbook.mp.internal.manager;

import io.procbook.mp.AuthenticationException;
import io.procbook.mp.ManagerException;
import io.procbook.mp.UncheckedInterruptedException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This process's connections to one manager server. A call borrows an idle authenticated connection (or opens
 * one) and gives it back afterwards, so concurrent threads never share a connection and a thread blocked in a
 * remote take() does not hold up another thread's calls. A connection that failed is dropped, never reused.
 * Each connection starts on TCP and, once authenticated, moves to shared memory if the server runs on this
 * host ({@link LocalUpgrade}).
 */
public final class Client {

    private static final Map<String, Client> CLIENTS = new ConcurrentHashMap<>();
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final ManagerAddress endpoint;
    private final AllowList filter;
    /** The last connection given back: a process calling from one thread at a time never touches the deque. */
    private final AtomicReference<ObjectChannel> spare = new AtomicReference<>();
    private final ConcurrentLinkedDeque<ObjectChannel> idle = new ConcurrentLinkedDeque<>();

    private Client(ManagerAddress endpoint) {
        this.endpoint = endpoint;
        this.filter = new AllowList(endpoint.allowed());
    }

    /** The shared client of this process for {@code endpoint}. */
    public static Client of(ManagerAddress endpoint) {
        return CLIENTS.computeIfAbsent(endpoint.poolKey(), k -> new Client(endpoint));
    }

    public ManagerAddress endpoint() {
        return endpoint;
    }

    /**
     * Opens and authenticates a connection now, so a wrong key or an absent server is reported here.
     *
     * @throws AuthenticationException if the server refuses the key (or the server is not a manager)
     * @throws ManagerException        if nothing answers at the address
     */
    public void check() {
        giveBack(open());
    }

    /**
     * One round trip. {@code target} and {@code op} name the call in errors only ("target.op"; op may be null),
     * so the hot path joins no strings.
     */
    Object call(ManagerProtocol.Request request, String target, String op) {
        ObjectChannel c = borrow();
        ManagerProtocol.Reply reply;
        try {
            c.send(request);
            reply = (ManagerProtocol.Reply) c.receive();
        } catch (ClosedByInterruptException e) {
            c.close(); // the reply, if it comes, must not be read as the answer to the next call
            throw new UncheckedInterruptedException("interrupted during " + what(target, op) + " (manager at "
                    + endpoint + ")");
        } catch (EOFException | SocketException e) {
            c.close();
            throw new ManagerException("the manager at " + endpoint + " closed the connection during "
                    + what(target, op) + " (it was shut down or died): " + e, e);
        } catch (IOException | ClassNotFoundException e) {
            c.close();
            throw new ManagerException("call " + what(target, op) + " to the manager at " + endpoint + " failed: "
                    + e, e);
        } catch (RuntimeException e) {
            c.close(); // e.g. interrupted while waiting on shared memory: the connection is mid-call
            throw e;
        }
        if (reply.error() instanceof ManagerException) {
            c.close(); // the server refused what we sent and hung up
        } else {
            giveBack(c);
        }
        if (reply.error() != null) {
            Throwable t = reply.error();
            // the server-side exception keeps its type (so catch blocks work) and its server stack; where the
            // call was made from travels along as a suppressed exception
            t.addSuppressed(new ManagerException("raised by the manager at " + endpoint + " in "
                    + what(target, op)));
            sneakyThrow(t);
        }
        return reply.value();
    }

    /** An idle connection of this process's, or a new one; used by this thread alone until given back. */
    private ObjectChannel borrow() {
        ObjectChannel c = spare.getAndSet(null);
        if (c == null) c = idle.poll();
        return c != null ? c : open();
    }

    private void giveBack(ObjectChannel c) {
        if (!spare.compareAndSet(null, c)) idle.push(c);
    }

    private static String what(String target, String op) {
        return op == null ? target : target + "." + op;
    }

    /**
     * What this process's connections to the server run on: {@code "shared memory"} or {@code "TCP"} (opening
     * one if none is idle). For tests and benchmarks.
     */
    public String transport() {
        ObjectChannel c = borrow();
        String kind = c.link().toString();
        giveBack(c);
        return kind;
    }

    /** Asks the server to stop (only its starter does this). */
    public void shutdownServer() {
        call(new ManagerProtocol.Shutdown(), "shutdown", null);
    }

    /** Forgets every idle connection (e.g. after the server was shut down). */
    public void drop() {
        ObjectChannel c = spare.getAndSet(null);
        if (c != null) c.close();
        while ((c = idle.poll()) != null) {
            c.close();
        }
        CLIENTS.remove(endpoint.poolKey(), this);
    }

    private ObjectChannel open() {
        SocketLink tcp;
        try {
            tcp = SocketLink.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new ManagerException("cannot reach the manager at " + endpoint + ": " + e.getMessage(), e);
        }
        Link link = tcp;
        try {
            tcp.timeout(ManagerServer.authTimeoutMs());
            Auth.asClient(tcp.handshakeIn(), tcp.handshakeOut(), endpoint.key());
            link = LocalUpgrade.asClient(tcp);
            tcp.timeout(0);
            return new ObjectChannel(link, filter, ObjectChannel.Side.CLIENT);
        } catch (ClosedByInterruptException e) {
            link.close();
            throw new UncheckedInterruptedException("interrupted while connecting to the manager at " + endpoint);
        } catch (UncheckedInterruptedException e) {
            link.close();
            throw e;
        } catch (AuthenticationException e) {
            tcp.close();
            throw new AuthenticationException(e.getMessage() + " (manager at " + endpoint + ")");
        } catch (IOException | RuntimeException e) {
            link.close();
            tcp.close();
            throw new ManagerException("cannot reach the manager at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
