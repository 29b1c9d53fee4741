package io.procbook.mp.internal;

import java.io.IOException;
import java.io.InputStream;

/** An object stream from a {@link PrivateChannel}, resolving classes as {@link ContextObjectInputStream} does. */
public class PrivateObjectInputStream extends ContextObjectInputStream implements PrivateChannel {

    /**
     * @param in bytes written by a {@link PrivateObjectOutputStream} of this user's processes
     * @throws IOException if the stream header cannot be read
     */
    public PrivateObjectInputStream(InputStream in) throws IOException {
        super(in);
    }
}
