package io.procbook.mp.internal.pool;

import io.procbook.mp.RemoteTaskException;
import io.procbook.mp.internal.Serial;

/**
 * The first byte of every pool message carried as data on a worker's control link.
 *
 * <p>Parent to worker: {@link #FUNCTION} (int id, an encoded parcel holding the function: sent once per
 * function and worker, chunks refer to it by id), {@link #CHUNKS} (int count, then per chunk: long sequence
 * number, int function id, int output route, encoded items), {@link #STOP}. Worker to parent: {@link #RESULT} (long sequence
 * number, long nanoseconds the chunk ran, boolean ok, then encoded results or a serialized exception),
 * {@link #INIT_FAILED} (a serialized exception).
 */
final class PoolProtocol {

    static final byte FUNCTION = 'F';
    static final byte CHUNKS = 'C';
    static final byte STOP = 'S';
    static final byte RESULT = 'R';
    static final byte INIT_FAILED = 'I';

    private PoolProtocol() { }

    /** @return the exception serialized as itself, or as a copy if it cannot be */
    static byte[] exceptionBytes(Throwable t) {
        try {
            return Serial.toBytes(t);
        } catch (RuntimeException notSerializable) {
            return Serial.toBytes(RemoteTaskException.copyOf(t));
        }
    }
}
