package io.procbook.mp.internal.child;

import io.procbook.mp.internal.Wire;

import java.io.IOException;

/**
 * Connects a child to its parent on a thread of its own, so that the main thread can prepare meanwhile,
 * and receives the parent's first message: a JVM's first read from a socket runs 1-3 ms of code that has
 * never run, which this way starts while the parent is still sending, not after the main thread has taken
 * over. A subclass rather than a lambda: the first lambda of a JVM costs milliseconds, and this thread is
 * started before anything else runs.
 */
final class Connector extends Thread {

    private final String address;
    private volatile Wire wire;
    private volatile Wire.Message first;
    private volatile IOException failure;

    private Connector(String address) {
        super("procbook-connect");
        this.address = address;
        setDaemon(true);
    }

    static Connector start(String address) {
        Connector c = new Connector(address);
        c.start();
        return c;
    }

    @Override
    public void run() {
        try {
            Wire w = ChildMain.connect(address, ChildMain.readToken());
            wire = w;
            first = w.receive();
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("could not connect to the parent: " + e, e);
        }
    }

    /**
     * Waits for the connection and the parent's first message.
     *
     * @throws IOException if the connection could not be made or broke before a first message came
     */
    Wire await() throws IOException, InterruptedException {
        join();
        if (failure != null) throw failure;
        return wire;
    }

    /** @return the parent's first message, or {@code null} if it closed the connection first; after await */
    Wire.Message firstMessage() {
        return first;
    }
}
