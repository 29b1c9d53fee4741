package io.procbook.mp.internal;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/** An object stream to a {@link PrivateChannel}: serialized objects may put their secrets in it. */
public class PrivateObjectOutputStream extends ObjectOutputStream implements PrivateChannel {

    /**
     * @param out where the bytes go; must reach only this user's processes of this runtime
     * @throws IOException if the stream header cannot be written
     */
    public PrivateObjectOutputStream(OutputStream out) throws IOException {
        super(out);
    }
}
