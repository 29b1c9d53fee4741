package io.procbook.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that speaks ZMTP 3.0 by hand and announces a frame beyond the socket's limit is disconnected at once,
 * before the kernel allocates for the frame or reads it; the kernel serves others on.
 */
class FrameLimitTest {

    @Test
    void aShellPeerAnnouncingAHugeFrameIsDisconnectedUnread() throws Exception {
        try (KernelFixture k = new KernelFixture()) {
            assertDisconnected(k.kernel.ports().shell(), "DEALER", Sockets.MAX_REQUEST_BYTES * 2);
            assertDisconnected(k.kernel.ports().control(), "DEALER", Sockets.MAX_REQUEST_BYTES * 2);
            assertDisconnected(k.kernel.ports().stdin(), "DEALER", Sockets.MAX_REQUEST_BYTES * 2);
            Message info = k.client.request("kernel_info_request", new com.google.gson.JsonObject());
            assertEquals("ok", k.client.reply(k.client.shell, info).content().get("status").getAsString());
        }
    }

    @Test
    void heartbeatAndIopubPeersAnnouncingMoreThanAPingAreDisconnected() throws Exception {
        try (KernelFixture k = new KernelFixture()) {
            // 2 MiB announced, 1 MiB sent: a peer waited on for the rest unless the cap is far below a request's
            assertDisconnected(k.kernel.ports().hb(), "REQ", 2L << 20);
            assertDisconnected(k.kernel.ports().iopub(), "SUB", 2L << 20);
        }
    }

    /**
     * Greets the socket at {@code port} as a {@code peerType} socket, announces a frame of {@code size} bytes,
     * sends a megabyte of it (or what the announcement allows), and expects end of file within 20 s.
     */
    private static void assertDisconnected(int port, String peerType, long size) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(greeting());
            out.write(ready(peerType));
            out.write(ByteBuffer.allocate(9).put((byte) 0x02).putLong(size).array()); // a long, last frame
            out.flush();
            try {
                byte[] chunk = new byte[64 << 10];
                for (long sent = 0; sent < Math.min(size, 1 << 20); sent += chunk.length) out.write(chunk);
            } catch (IOException closedUnderUs) {
                // the kernel hung up while we were still sending: that is the point
            }
            assertTrue(readsToEnd(s.getInputStream()), "port " + port + " kept a peer announcing " + size
                    + " bytes");
        }
    }

    /** Reads until end of file: true, or false if nothing ended it before the socket's timeout. */
    private static boolean readsToEnd(InputStream in) throws IOException {
        byte[] b = new byte[4096];
        try {
            while (in.read(b) >= 0) {
                // the kernel's greeting and READY, then end of file
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true; // reset by the kernel: disconnected as well
        }
    }

    /** ZMTP 3.0 greeting: signature, version 3.0, the NULL mechanism, as a client. */
    private static byte[] greeting() {
        ByteBuffer g = ByteBuffer.allocate(64);
        g.put((byte) 0xFF).put(new byte[7]).put((byte) 1).put((byte) 0x7F);
        g.put((byte) 3).put((byte) 0);
        g.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]);
        g.put((byte) 0); // as-server: no
        return g.array(); // the rest is filler
    }

    /** The READY command naming our socket type. */
    private static byte[] ready(String socketType) {
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(6 + 1 + name.length + 4 + value.length);
        body.put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII));
        body.put((byte) name.length).put(name).putInt(value.length).put(value);
        ByteBuffer cmd = ByteBuffer.allocate(2 + body.capacity());
        cmd.put((byte) 0x04).put((byte) body.capacity()).put(body.array());
        return cmd.array();
    }
}
