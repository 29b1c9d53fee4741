package io.procbook.mp.internal.child;

import io.procbook.mp.internal.Wire;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a child's System.out and System.err send their messages: the control connection once it exists. What
 * is printed before that (a cold child's complaint that it cannot connect) goes to the stdout/stderr pipes as
 * plain text, which the parent shows as the child's own output.
 */
final class ParentLink implements RoutedOutput.Sender {

    private volatile Wire wire;

    void connected(Wire w) {
        wire = w;
    }

    @Override
    public void send(byte type, byte[] payload) throws IOException {
        Wire w = wire;
        if (w != null) {
            w.send(type, payload);
            return;
        }
        ByteBuffer m = ByteBuffer.wrap(payload);
        FileOutputStream fd = new FileOutputStream(m.get() == 1 ? FileDescriptor.err : FileDescriptor.out);
        while (m.remaining() >= 8) {
            m.getInt();
            int length = m.getInt();
            fd.write(payload, m.position(), length);
            m.position(m.position() + length);
        }
    }
}
