package io.procbook.mp.manager;

import io.procbook.testing.Poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.AuthenticationException;
import io.procbook.mp.BaseManager;
import io.procbook.mp.Manager;
import io.procbook.mp.ManagerException;
import io.procbook.mp.internal.PrivateObjectOutputStream;
import io.procbook.mp.internal.manager.ManagerAddress;
import io.procbook.mp.internal.manager.RemoteHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client, or a process that holds a key, can make a manager do: it cannot make the server connect out
 * or read under an allow-list of its choosing, a proxy it receives never brings its key along over a manager
 * connection, slow or silent connections cannot lock others out, short keys are refused, and no message can
 * make the server allocate beyond its bounds. Every socket here is on 127.0.0.1.
 */
class ManagerSecurityTest {

    private static final byte[] KEY = "security-test-key-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ATTACKER_KEY = "attacker-chosen-key-987".getBytes(StandardCharsets.US_ASCII);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A listening socket that must never see a connection: where a crafted proxy tells the server to go. */
    private static ServerSocketChannel trap() throws IOException {
        ServerSocketChannel trap = ServerSocketChannel.open();
        trap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        trap.configureBlocking(false); // accept() then says at once whether anyone connected
        return trap;
    }

    /**
     * A proxy built with the library's own classes whose handler points at {@code port} with a key and an
     * allow-list of the sender's choosing: what a key holder could put into a served map.
     */
    @SuppressWarnings("unchecked")
    private static Comparator<Object> craftedProxy(int port) throws Exception {
        ManagerAddress elsewhere = new ManagerAddress("127.0.0.1", port, ATTACKER_KEY,
                Set.of("java.lang.Runtime", "javax.script.ScriptEngineManager"));
        Constructor<RemoteHandler> c = RemoteHandler.class.getDeclaredConstructor(ManagerAddress.class, long.class,
                String.class);
        c.setAccessible(true);
        InvocationHandler h = c.newInstance(elsewhere, 1L, "Comparator 'crafted'#1");
        return (Comparator<Object>) Proxy.newProxyInstance(ManagerSecurityTest.class.getClassLoader(),
                new Class<?>[] {Comparator.class}, h);
    }

    // ---- finding 1: a proxy from the wire never makes the server connect out -----------------------------

    @Test
    void aServerNeverCallsAProxyItReceivesSoItNeverConnectsWhereTheSenderSays() throws Exception {
        try (ServerSocketChannel trap = trap(); Manager victim = new Manager()) {
            Comparator<Object> crafted = craftedProxy(trap.socket().getLocalPort());
            ConcurrentMap<Object, Object> d = victim.dict();
            List<Object> l = victim.list();
            // The server hashes a map key, compares list elements, prints values: all calls on the proxy.
            d.put(crafted, "value");
            assertTrue(d.containsKey(crafted));
            l.add(crafted);
            l.remove(crafted);
            assertEquals("value", d.get(crafted));
            assertNull(trap.accept(), "the server connected to the address the crafted proxy named");
            // Read back by a client, it is a proxy again (whose server this process knows no key for).
            Object back = new ArrayList<>(d.keySet()).get(0);
            assertTrue(Proxy.isProxyClass(back.getClass()));
            @SuppressWarnings("unchecked") // a proxy of the Comparator the crafted object was
            Comparator<Object> backComparator = (Comparator<Object>) back;
            assertThrows(AuthenticationException.class, () -> backComparator.compare(1, 2));
            assertNull(trap.accept(), "this process has no key for it, so it does not connect either");
        }
    }

    @Test
    void craftedObjectsWhoseReadingCallsAProxyAreRefusedUnreadAndNothingConnects() throws Exception {
        try (ServerSocketChannel trap = trap();
             Manager victim = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            Comparator<Object> crafted = craftedProxy(trap.socket().getLocalPort());
            Object comparatorSlot = Comparator.naturalOrder();
            UUID keySlot = UUID.randomUUID();
            @SuppressWarnings("unchecked") // natural order, compared only with Strings here
            Comparator<Object> naturalOrder = (Comparator<Object>) comparatorSlot;
            PriorityQueue<Object> heap = new PriorityQueue<>(naturalOrder);
            heap.add("b");
            heap.add("a"); // read back, the heap is re-ordered with its comparator: our proxy
            Map<Object, Object> hashed = new HashMap<>();
            hashed.put(keySlot, 1); // read back, its key is hashed: our proxy
            Map<Object, Object> replaced = new IdentityHashMap<>(); // never calls the proxy's hashCode here
            replaced.put(comparatorSlot, crafted);
            replaced.put(keySlot, crafted);

            // The proxy's form with its key and allow-list, as only a private channel writes it: refused.
            String refusal = sendAsObject(victim, serialize(heap, replaced));
            assertTrue(refusal.contains("must not carry keys"), refusal);
            // Without them, as any other stream writes it: the server holds it and never calls it.
            Object keyless = withoutKey(crafted);
            replaced.replaceAll((slot, proxy) -> keyless);
            refusal = sendAsObject(victim, serialize(heap, replaced));
            assertTrue(refusal.contains("held by a manager server") || refusal.contains("never calls it"), refusal);
            String accepted = sendAsObject(victim, serialize(hashed, replaced));
            assertEquals("", accepted, "a map keyed by a proxy is read (the proxy hashes itself locally)");
            assertNull(trap.accept(), "nothing connected to the address the crafted proxy named");
            assertEquals(0, victim.dict().size(), "and the manager serves on");
        }
    }

    /**
     * Serializes {@code o} with the library's own classes (a proxy's handler writes its own form, in a private
     * stream with the key if the handler has one), swapping placeholders for the crafted proxy.
     */
    private static byte[] serialize(Object o, Map<Object, Object> replaced) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new Swap(b, replaced)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    /** The same proxy as read back where no key is known for its address: its form then carries none. */
    private static Object withoutKey(Object proxy) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(proxy);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            return in.readObject();
        }
    }

    private static final class Swap extends PrivateObjectOutputStream {
        private final Map<Object, Object> replaced;

        Swap(OutputStream out, Map<Object, Object> replaced) throws IOException {
            super(out);
            this.replaced = replaced;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            return replaced.getOrDefault(obj, obj);
        }
    }

    /**
     * Authenticates as a client that stays on TCP, sends {@code serialized} as a message of its own and returns
     * the server's refusal, or "" if the server read it and waited for more.
     */
    private static String sendAsObject(Manager m, byte[] serialized) throws IOException, ClassNotFoundException {
        try (RawPeer peer = new RawPeer(m.address().getPort())) {
            peer.authenticate(KEY);
            peer.write(RawPeer.ascii("#TCP-ONLY#"));
            DataOutputStream out = new DataOutputStream(peer.socket.getOutputStream());
            out.writeByte('O');
            out.writeInt(serialized.length);
            out.write(serialized);
            out.flush();
            return refusal(peer);
        }
    }

    /** The server's answer to a message that is not a request: a refusal (an error reply), or end of file. */
    private static String refusal(RawPeer peer) throws IOException, ClassNotFoundException {
        DataInputStream in = peer.in;
        int kind = in.read();
        if (kind < 0) return "";
        assertEquals('E', kind, "an error reply");
        byte[] error = new byte[in.readInt()];
        in.readFully(error);
        try (ObjectInputStream s = new ObjectInputStream(new ByteArrayInputStream(error))) {
            return ((Throwable) s.readObject()).getMessage();
        }
    }

    // ---- finding 2: keys stay off manager connections --------------------------------------------------

    @Test
    void aProxyPutIntoAnotherManagersQueueCarriesNoKeyOverTheWire() throws Exception {
        byte[] ownKey = "the-key-of-my-own-manager-0001".getBytes(StandardCharsets.US_ASCII);
        BlockingQueue<Object> served = new LinkedBlockingQueue<>();
        BaseManager remote = new BaseManager(new InetSocketAddress("127.0.0.1", 0), KEY);
        remote.register("queue", () -> served);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(remote::serve, threads);
        String before = System.getProperty("procbook.manager.local");
        System.setProperty("procbook.manager.local", "false"); // TCP, so that the recorder sees every byte
        try (Manager own = new Manager(new InetSocketAddress("127.0.0.1", 0), ownKey);
             Recorder wire = new Recorder(awaitPort(remote))) {
            BaseManager client = new BaseManager(new InetSocketAddress("127.0.0.1", wire.port()), KEY)
                    .register("queue").connect();
            BlockingQueue<Object> q = client.get("queue", BlockingQueue.class);
            ConcurrentMap<String, Integer> d = own.dict();
            d.put("n", 1);
            q.put(d);
            assertEquals(1, served.size());
            assertFalse(wire.sawBytes(ownKey), "the key of the proxy's manager went over the connection");
            @SuppressWarnings("unchecked")
            ConcurrentMap<String, Integer> back = (ConcurrentMap<String, Integer>) q.take();
            assertEquals(1, back.get("n"), "this process knows that manager's key, so the proxy works here");
            client.close();
        } finally {
            restore("procbook.manager.local", before);
            remote.shutdown();
            serving.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProxyWrittenByAnyOtherStreamLeavesItsKeyBehind() throws Exception {
        byte[] key = "a-key-nobody-else-may-read-01".getBytes(StandardCharsets.US_ASCII);
        byte[] written;
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), key)) {
            ConcurrentMap<String, Integer> d = m.dict();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(b)) {
                out.writeObject(d);
            }
            written = b.toByteArray();
            assertFalse(contains(written, key), "a user's own ObjectOutputStream got the key");
        }
        // A process that knows no key for that address (its manager is gone) gets a proxy that says so.
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(written))) {
            @SuppressWarnings("unchecked")
            ConcurrentMap<String, Integer> d = (ConcurrentMap<String, Integer>) in.readObject();
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> d.get("n"));
            assertTrue(e.getMessage().contains("no auth key"), e.getMessage());
        }
    }

    private static int awaitPort(BaseManager m) {
        Poll.until("m.address().getPort() != 0", () -> m.address().getPort() != 0, 60_000);
        return m.address().getPort();
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    /** Forwards 127.0.0.1 connections to a port and keeps every byte the clients send. */
    private final class Recorder implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private final List<Socket> sockets = new ArrayList<>();

        Recorder(int target) throws IOException {
            threads.submit(() -> {
                while (!listener.isClosed()) {
                    Socket in = listener.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                    synchronized (sockets) {
                        sockets.add(in);
                        sockets.add(out);
                    }
                    threads.submit(() -> pump(in.getInputStream(), out.getOutputStream(), true));
                    threads.submit(() -> pump(out.getInputStream(), in.getOutputStream(), false));
                }
                return null;
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private Void pump(InputStream from, OutputStream to, boolean record) throws IOException {
            byte[] b = new byte[8192];
            for (int n; (n = from.read(b)) >= 0; ) {
                if (record) {
                    synchronized (seen) {
                        seen.write(b, 0, n);
                    }
                }
                to.write(b, 0, n);
            }
            return null;
        }

        boolean sawBytes(byte[] needle) {
            synchronized (seen) {
                return contains(seen.toByteArray(), needle);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                for (Socket s : sockets) s.close();
            }
        }
    }

    // ---- finding 3: handshakes cannot lock clients out -------------------------------------------------

    @Test
    void hundredsOfSilentConnectionsDoNotLockOutAClientWithTheKey() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try (Manager m = new Manager()) {
            for (int i = 0; i < 300; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), m.address().getPort()));
            }
            ConcurrentMap<String, Integer> d = m.dict(); // the first connection of this process
            d.put("served", 1);
            assertEquals(1, d.get("served"));
        } finally {
            for (Socket s : silent) s.close();
        }
    }

    @Test
    void aClientDribblingItsAnswerIsDroppedAtTheHandshakeDeadline() throws Exception {
        String before = System.getProperty("procbook.manager.authTimeoutMs");
        System.setProperty("procbook.manager.authTimeoutMs", "1500");
        Manager m;
        try {
            m = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY);
        } finally {
            restore("procbook.manager.authTimeoutMs", before);
        }
        try (m; RawPeer peer = new RawPeer(m.address().getPort())) {
            byte[] answer = RawPeer.hmac(KEY, peer.read());
            byte[] framed = new byte[4 + answer.length];
            java.nio.ByteBuffer.wrap(framed).putInt(answer.length).put(answer);
            long start = System.nanoTime();
            CompletableFuture<Void> dribble = CompletableFuture.runAsync(() -> {
                try {
                    for (byte x : framed) { // one byte every half second: each read alone would be in time
                        peer.socket.getOutputStream().write(x);
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException e) {
                    // dropped by the server, as it should be
                }
            }, threads);
            assertEquals(-1, peer.readUntilClosed(), "the server hung up");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 10, "dropped after " + seconds + " s; the handshake deadline is 1.5 s"
                    + " (the answer takes 18 s to dribble in)");
            dribble.cancel(true);
            assertEquals(0, m.dict().size(), "others are served");
        }
    }

    // ---- finding 6: weak keys ----------------------------------------------------------------------------

    @Test
    void shortAndEmptyKeysAreRefusedNamingTheRule() {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 0);
        for (byte[] weak : List.of("abc".getBytes(StandardCharsets.US_ASCII), new byte[0], new byte[15])) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BaseManager(local, weak));
            assertTrue(e.getMessage().contains("at least 16 bytes"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Manager(local, weak));
        }
        new BaseManager(local, new byte[16]); // the shortest key allowed
        try (Manager m = new Manager()) { // its own random 32-byte key
            assertEquals(0, m.dict().size());
        }
    }

    // ---- finding 13: bounded messages -----------------------------------------------------------------

    @Test
    void aMessageAnnouncingMoreThanTheLimitIsRefusedBeforeAnyOfItIsRead() throws Exception {
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY);
             RawPeer peer = new RawPeer(m.address().getPort())) {
            peer.authenticate(KEY);
            peer.write(RawPeer.ascii("#TCP-ONLY#"));
            DataOutputStream out = new DataOutputStream(peer.socket.getOutputStream());
            out.writeByte('O');
            out.writeInt(Integer.MAX_VALUE);
            out.flush();
            String refusal = refusal(peer);
            assertTrue(refusal.contains("refused a value of " + Integer.MAX_VALUE + " bytes"), refusal);
        }
    }

    @Test
    void anArrayClaimingMoreElementsThanItsMessageHoldsIsRefusedUnallocated() throws Exception {
        byte[] array = serializedLongArrayClaiming(1 << 26); // 512 MiB if allocated; 40 bytes sent
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            String refusal = sendAsObject(m, array);
            assertTrue(refusal.contains("an array of " + (1 << 26) + " elements"), refusal);
            assertEquals(0, m.dict().size());
        }
    }

    /** The serialization of a {@code long[]} whose header claims {@code n} elements, with none following. */
    private static byte[] serializedLongArrayClaiming(int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(new long[] {42});
        }
        byte[] one = b.toByteArray();
        // The stream ends with the length (4 bytes, 1) and the one element (8 bytes).
        int at = one.length - 12;
        assertEquals(1, java.nio.ByteBuffer.wrap(one, at, 4).getInt());
        byte[] claim = Arrays.copyOf(one, one.length - 8);
        java.nio.ByteBuffer.wrap(claim, at, 4).putInt(n);
        return claim;
    }
}
