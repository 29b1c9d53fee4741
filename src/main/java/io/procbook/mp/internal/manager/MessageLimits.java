package io.procbook.mp.internal.manager;

import java.io.ObjectInputFilter;

/**
 * The filter of one serialized object read from a manager connection: the {@link AllowList}'s classes, and
 * bounds on what one message may make this process allocate. A message is at most {@link #MAX_BYTES} long
 * (the sender says how long before any of it is read), holds at most {@link #MAX_REFERENCES} objects, nests at
 * most {@link #MAX_DEPTH} deep, and an array in it may not claim more elements than the rest of the message
 * could hold nor occupy more than {@link #MAX_BYTES} of memory: Java serialization allocates an array as soon
 * as it reads its length, so without these a few bytes could make the reader allocate gigabytes. Used by one
 * thread, for one message.
 */
final class MessageLimits implements ObjectInputFilter {

    /** The most bytes one serialized value may take on a manager connection; 64 MiB unless configured. */
    static final int MAX_BYTES = Integer.getInteger("procbook.manager.maxMessageBytes", 64 << 20);
    /** The most objects (and back-references) one value may hold. */
    static final long MAX_REFERENCES = Long.getLong("procbook.manager.maxMessageReferences", 4_000_000L);
    static final long MAX_DEPTH = 64;

    private final AllowList allowed;
    private final long bytes;
    private String rejected;

    /** @param bytes the length of the message this filter reads, as its sender announced it */
    MessageLimits(AllowList allowed, long bytes) {
        this.allowed = allowed;
        this.bytes = bytes;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return reject("a graph nested deeper than " + MAX_DEPTH);
        }
        if (info.references() > MAX_REFERENCES) {
            return reject("a value of more than " + MAX_REFERENCES + " objects");
        }
        Class<?> c = info.serialClass();
        if (info.arrayLength() >= 0 && c != null && c.isArray()) {
            Class<?> e = c.getComponentType();
            long inStream = e.isPrimitive() ? primitiveBytes(e) : 1; // a null element takes one byte
            long inMemory = e.isPrimitive() ? primitiveBytes(e) : 8;
            long left = Math.max(0, bytes - info.streamBytes());
            if (info.arrayLength() > left / inStream || info.arrayLength() > MAX_BYTES / inMemory) {
                return reject("an array of " + info.arrayLength() + " elements in a message of " + bytes
                        + " bytes");
            }
        }
        if (c == null) {
            return Status.UNDECIDED;
        }
        return allowed.admits(c) ? Status.ALLOWED : reject(c.getName());
    }

    private Status reject(String what) {
        rejected = what;
        return Status.REJECTED;
    }

    /** What the last rejection was about, for the error message. */
    String rejected() {
        return rejected == null ? "a class outside the allow-list" : rejected;
    }

    private static long primitiveBytes(Class<?> p) {
        if (p == long.class || p == double.class) return 8;
        if (p == int.class || p == float.class) return 4;
        if (p == short.class || p == char.class) return 2;
        return 1;
    }
}
