package io.procbook.mp.internal.manager;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The byte transport under one manager connection, once authenticated: the TCP socket itself
 * ({@link SocketLink}) or, between processes of one host, shared memory ({@link RingLink}).
 */
interface Link extends AutoCloseable {

    /** Bytes from the peer; blocks until some arrive, -1 once the peer has ended. */
    InputStream in();

    /** Bytes to the peer. */
    OutputStream out();

    /** Ends the connection for both sides; idempotent, and callable from any thread. */
    @Override
    void close();
}
