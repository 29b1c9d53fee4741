package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The only user of the iopub PUB socket: one thread that sends what any other thread publishes, in order.
 *
 * <p>Stream text is not sent per write: it is collected per (cell, stream name) and sent at most
 * {@link #FLUSH_DELAY_MS} ms after the first write that is still pending, or sooner when it grows large, so
 * a loop of a million printlns becomes a few messages. Any other message for a cell first moves that cell's
 * pending text into the queue, so a display or the final idle status never overtakes text printed before it.
 * Cells are told apart by the msg_id of their parent header.
 *
 * <p>The socket is an XPUB, so that the publisher sees subscriptions arrive. A client connects its iopub and
 * shell sockets at the same time, but each retries on its own timer (100-200 ms apart in libzmq) while the kernel
 * is not yet listening, so its first request often arrives before its subscription, and ZMQ drops what is
 * published to nobody: the client then misses the busy/idle of that request (jupyter_client waits 200 ms for
 * them and asks again). So the first messages wait until the first subscription, for at most
 * {@link #FIRST_SUBSCRIBER_WAIT_MS}.
 */
final class IopubPublisher {
    static final long FLUSH_DELAY_MS = 30;
    /** A cell's pending text is sent at once when it reaches this many chars (keeps single messages moderate). */
    static final int FLUSH_CHARS = 256 * 1024;
    /** Writers wait while this much stream text is queued and not yet sent: a slow client must not cost OOM. */
    static final long MAX_QUEUED_CHARS = 16L * 1024 * 1024;
    private static final int SEND_HIGH_WATER_MARK = 100_000;
    /** How long the first messages wait for a subscriber (after that they go, to whoever listens). */
    static final long FIRST_SUBSCRIBER_WAIT_MS = 1000;
    /** The wait for the first subscriber looks at {@link #stopping} this often. */
    private static final int SUBSCRIBER_POLL_MS = 20;

    private final ZMQ.Context ctx;
    private final ConnectionInfo info;
    private final WireCodec codec;
    private final MessageFactory factory;
    private final CompletableFuture<Integer> bound = new CompletableFuture<>();
    private final Thread thread;

    private final Object lock = new Object();
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final LinkedHashMap<String, PendingCell> pending = new LinkedHashMap<>();
    private long queuedChars;
    private boolean stopping;
    private boolean stopped;
    private long sendFailures;
    /** Publisher thread only: whether messages go out as they come (a subscriber came, or the wait is over). */
    private boolean released;

    IopubPublisher(ZMQ.Context ctx, ConnectionInfo info, WireCodec codec, MessageFactory factory) {
        this.ctx = ctx;
        this.info = info;
        this.codec = codec;
        this.factory = factory;
        this.thread = new Thread(this::run, "procbook-iopub");
        this.thread.setDaemon(true);
    }

    /** Starts the thread; the future completes with the bound port, or fails if binding failed. */
    CompletableFuture<Integer> start() {
        thread.start();
        return bound;
    }

    /** Appends text to the cell's pending stream; returns at once unless far too much text is unsent. */
    void stream(JsonObject parent, String name, String text) {
        if (text.isEmpty()) {
            return;
        }
        synchronized (lock) {
            boolean interrupted = false;
            while (queuedChars > MAX_QUEUED_CHARS && !stopping) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;   // keep the text; the interrupt is for the cell, re-raised below
                    break;
                }
            }
            if (stopping) {
                return;
            }
            String key = key(parent);
            PendingCell cell = pending.get(key);
            if (cell == null) {
                cell = new PendingCell(parent, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_DELAY_MS));
                pending.put(key, cell);
                if (pending.size() == 1) {
                    lock.notifyAll();   // the publisher may be waiting with no deadline at all
                }
            }
            cell.text.computeIfAbsent(name, n -> new StringBuilder()).append(text);
            cell.chars += text.length();
            if (cell.chars >= FLUSH_CHARS) {
                flushLocked(key);
                lock.notifyAll();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues a message, after the pending stream text of the cell it belongs to. */
    void publish(Message message) {
        synchronized (lock) {
            if (stopping) {
                return;
            }
            flushLocked(key(message.parentHeader()));
            queue.add(message);
            lock.notifyAll();
        }
    }

    /** Queues the cell's pending stream text now (before a reply on another socket, or an input prompt). */
    void flush(JsonObject parent) {
        synchronized (lock) {
            if (flushLocked(key(parent))) {
                lock.notifyAll();
            }
        }
    }

    /** Sends everything queued and pending, closes the socket and ends the thread (waits at most the timeout). */
    void stop(long timeoutMs) throws InterruptedException {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        thread.join(timeoutMs);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        ZMQ.Socket socket;
        try {
            socket = Sockets.bind(ctx, SocketType.XPUB, info, info.iopubPort(), Sockets.MAX_SMALL_BYTES);
            socket.setSndHWM(SEND_HIGH_WATER_MARK);
            bound.complete(Sockets.boundPort(socket));
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            return;
        }
        try {
            List<Message> batch = new ArrayList<>();
            boolean last = false;
            while (!last) {
                long batchChars = 0;
                synchronized (lock) {
                    awaitWorkLocked();
                    if (stopping) {
                        for (String key : new ArrayList<>(pending.keySet())) {
                            flushLocked(key);
                        }
                        stopped = true;
                        last = true;
                    }
                    batch.addAll(queue);
                    queue.clear();
                }
                if (!released) awaitFirstSubscriber(socket);
                while (socket.recv(ZMQ.DONTWAIT) != null) {
                    // later subscriptions: nothing to do, but XPUB queues them for us
                }
                for (Message m : batch) {
                    batchChars += streamChars(m);
                    send(socket, m);
                }
                batch.clear();
                synchronized (lock) {
                    queuedChars -= batchChars;
                    lock.notifyAll();   // writers held back by MAX_QUEUED_CHARS
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
        }
    }

    /** Holds the first messages until a subscription arrives, the wait is over, or the kernel stops. */
    private void awaitFirstSubscriber(ZMQ.Socket socket) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIRST_SUBSCRIBER_WAIT_MS);
        socket.setReceiveTimeOut(SUBSCRIBER_POLL_MS);
        try {
            while (System.nanoTime() - deadline < 0) {
                byte[] subscription = socket.recv(0);
                if (subscription != null && subscription.length > 0 && subscription[0] == 1) return;
                synchronized (lock) {
                    if (stopping) return;
                }
            }
        } finally {
            released = true;
            socket.setReceiveTimeOut(-1);
        }
    }

    private void awaitWorkLocked() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            Iterator<Map.Entry<String, PendingCell>> it = pending.entrySet().iterator();
            // Entries are in order of creation, hence of deadline: flush the due ones from the front.
            while (it.hasNext()) {
                Map.Entry<String, PendingCell> e = it.next();
                if (e.getValue().deadline - now > 0) {
                    break;
                }
                moveToQueueLocked(e.getValue());
                it.remove();
            }
            if (!queue.isEmpty() || stopping) {
                return;
            }
            if (pending.isEmpty()) {
                lock.wait();
            } else {
                long waitNanos = pending.values().iterator().next().deadline - now;
                TimeUnit.NANOSECONDS.timedWait(lock, Math.max(waitNanos, 1));
            }
        }
    }

    private boolean flushLocked(String key) {
        PendingCell cell = pending.remove(key);
        if (cell == null) {
            return false;
        }
        moveToQueueLocked(cell);
        return true;
    }

    private void moveToQueueLocked(PendingCell cell) {
        for (Map.Entry<String, StringBuilder> e : cell.text.entrySet()) {
            JsonObject content = new JsonObject();
            content.addProperty("name", e.getKey());
            content.addProperty("text", e.getValue().toString());
            queue.add(factory.iopub(cell.parent, "stream", content));
        }
        queuedChars += cell.chars;
    }

    private static long streamChars(Message m) {
        return m.header().get("msg_type").getAsString().equals("stream")
                ? m.content().get("text").getAsString().length() : 0;
    }

    private void send(ZMQ.Socket socket, Message m) {
        try {
            Sockets.send(socket, codec.encode(m));
        } catch (RuntimeException e) {
            if (sendFailures++ == 0) {
                Log.warn("iopub send failed; further failures are not logged", e);
            }
        }
    }

    private static String key(JsonObject parent) {
        return parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
    }

    private static final class PendingCell {
        final JsonObject parent;
        final long deadline;
        /** Stream name to pending text, in the order the streams were first written. */
        final LinkedHashMap<String, StringBuilder> text = new LinkedHashMap<>(4);
        long chars;

        PendingCell(JsonObject parent, long deadline) {
            this.parent = parent;
            this.deadline = deadline;
        }
    }
}
