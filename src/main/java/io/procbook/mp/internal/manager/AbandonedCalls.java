package io.procbook.mp.internal.manager;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends server-side calls whose client has gone: a killed worker's pending {@code take()} must not wait on and
 * then swallow the next task put in the queue, and a client that gave up on an interrupted call must not leave
 * a lock acquisition or a barrier wait running for nobody. While a shared-memory connection's call runs,
 * a watcher thread looks at its client every 100 ms (the ring's close flag, and the lifeline socket's end of
 * file) and interrupts the serving thread once the client is gone; the served objects' blocking methods then
 * end, and the reply goes nowhere. The thread starts with the first such connection and ends with the server.
 *
 * <p>TCP connections are not watched: their socket is in blocking mode for the serving thread, and probing it
 * would mean switching that mode under its feet. A TCP client's abandoned call ends when the call does.
 */
final class AbandonedCalls implements AutoCloseable {

    private static final long PERIOD_MS = 100;

    private final String name;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private Thread watcher;
    private volatile boolean closed;

    AbandonedCalls(String name) {
        this.name = name;
    }

    /** The calling thread serves {@code link}; bracket each call with the handle's begin/end. */
    Watched watch(RingLink link) {
        Watched w = new Watched(Thread.currentThread(), link);
        watched.add(w);
        synchronized (this) {
            if (watcher == null && !closed) {
                watcher = new Thread(this::loop, name);
                watcher.setDaemon(true);
                watcher.start();
            }
        }
        return w;
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MS); // a period between looks, not a wait for anything
            } catch (InterruptedException e) {
                return;
            }
            for (Watched w : watched) {
                if (!w.running) continue;
                w.link.watch();
                if (w.link.peerEnded() && w.running) w.thread.interrupt();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (watcher != null) watcher.interrupt();
        }
    }

    /** One watched connection. */
    final class Watched {
        private final Thread thread;
        private final RingLink link;
        private volatile boolean running;

        private Watched(Thread thread, RingLink link) {
            this.thread = thread;
            this.link = link;
        }

        void begin() {
            running = true;
        }

        void end() {
            running = false;
        }

        /** The connection has ended: no longer watched. */
        void forget() {
            watched.remove(this);
        }
    }
}
