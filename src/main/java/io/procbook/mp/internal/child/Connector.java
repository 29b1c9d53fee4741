package io.procbook.mp.internal.child;

import io.procbook.mp.internal.Wire;

import java.io.IOException;

/**
 * Connects a cold child to its parent on a thread of its own, so that the main thread can prepare meanwhile.
 * A subclass rather than a lambda: the first lambda of a JVM costs milliseconds, and this thread is started
 * before anything else runs.
 */
final class Connector extends Thread {

    private final String address;
    private final String token;
    private volatile Wire wire;
    private volatile IOException failure;

    private Connector(String address, String token) {
        super("procbook-connect");
        this.address = address;
        this.token = token;
        setDaemon(true);
    }

    static Connector start(String address, String token) {
        Connector c = new Connector(address, token);
        c.start();
        return c;
    }

    @Override
    public void run() {
        try {
            wire = ChildMain.connect(address, token);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("could not connect to the parent: " + e, e);
        }
    }

    /**
     * Waits for the connection.
     *
     * @throws IOException if it could not be made
     */
    Wire await() throws IOException, InterruptedException {
        join();
        if (failure != null) throw failure;
        return wire;
    }
}
