package io.procbook.mp.manager;

import io.procbook.mp.BaseManager;
import io.procbook.mp.internal.manager.RemoteHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;

/**
 * Connects to a served "queue" and blocks in {@code take()}; printing {@code TRANSPORT <how it reaches the
 * server>} just before.
 */
public final class BlockedClient {

    private BlockedClient() { }

    public static void main(String[] args) throws Exception {
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])),
                args[1].getBytes(StandardCharsets.UTF_8));
        manager.register("queue").connect();
        @SuppressWarnings("unchecked")
        BlockingQueue<String> q = manager.get("queue", BlockingQueue.class);
        System.out.println("TRANSPORT " + RemoteHandler.transport(q));
        System.out.println("took " + q.take());
    }
}
