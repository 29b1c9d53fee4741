package io.procbook.mp.internal.manager;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one manager server that have not yet authenticated. Each has one deadline for its whole
 * handshake (a client dribbling a byte just before each read's timeout would otherwise hold its connection
 * forever), at the end of which its input is shut down: the serving thread then sees end of file, removes what
 * the handshake made (an offered shared-memory segment) and closes the socket. Handshakes have a budget of
 * their own, apart from the authenticated connections', and a smaller one per client address; when a budget is
 * full, the oldest handshake in it is dropped to make room, not the newcomer: a real client authenticates
 * within milliseconds, so a flood of silent or slow connections delays it at most until their turn to be
 * dropped and can never lock it out. Safe for use by many threads.
 */
final class Handshakes {

    /** Handshakes in progress at once, from all addresses. */
    static final int MAX_PENDING = 128;
    /** Handshakes in progress at once from one address (every local client shares 127.0.0.1). */
    static final int MAX_PENDING_PER_ADDRESS = 64;

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long timeoutMs;
    /** Oldest first. Guarded by this. */
    private final Map<SocketLink, Pending> pending = new LinkedHashMap<>();

    Handshakes(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** One connection's handshake; {@link #done()} when it has ended, however it ended. */
    final class Pending {
        private final SocketLink link;
        private final InetAddress from;
        private final ScheduledFuture<?> deadline;

        private Pending(SocketLink link, InetAddress from) {
            this.link = link;
            this.from = from;
            this.deadline = TIMER.schedule(link::endInput, timeoutMs, TimeUnit.MILLISECONDS);
        }

        /** The handshake is over: the deadline no longer applies. */
        void done() {
            deadline.cancel(false);
            synchronized (Handshakes.this) {
                pending.remove(link);
            }
        }
    }

    /** Starts the clock on a new connection's handshake, dropping the oldest ones if a budget is full. */
    Pending begin(SocketLink link, InetAddress from) {
        List<SocketLink> dropped = new ArrayList<>();
        Pending p;
        synchronized (this) {
            int sameAddress = 0;
            for (Pending q : pending.values()) {
                if (q.from.equals(from)) sameAddress++;
            }
            if (sameAddress >= MAX_PENDING_PER_ADDRESS) dropOldest(from, dropped);
            if (pending.size() >= MAX_PENDING) dropOldest(null, dropped);
            p = new Pending(link, from);
            pending.put(link, p);
        }
        for (SocketLink d : dropped) d.endInput(); // its serving thread sees end of file, cleans up, ends
        return p;
    }

    /** Removes the oldest handshake (from {@code from}, or from anywhere if null). Needs the lock. */
    private void dropOldest(InetAddress from, List<SocketLink> dropped) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending q = it.next();
            if (from == null || q.from.equals(from)) {
                it.remove();
                q.deadline.cancel(false);
                dropped.add(q.link);
                return;
            }
        }
    }

    /** How many handshakes are in progress (for tests). */
    synchronized int inProgress() {
        return pending.size();
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "procbook-manager-handshakes");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        t.setKeepAliveTime(1, TimeUnit.SECONDS); // no thread left behind once no handshake is in progress
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
