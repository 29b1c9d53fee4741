package io.procbook.mp.manager;

import io.procbook.mp.BaseManager;
import io.procbook.mp.internal.manager.RemoteHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;

/**
 * {@code QueueClient PORT AUTHKEY take|put}: connects to a served "queue" at 127.0.0.1, prints
 * {@code TRANSPORT <how it reaches the server>}, then either blocks in {@code take()} (to be killed there) or
 * puts {@code "via <transport>"} and prints {@code DONE}.
 */
public final class QueueClient {

    private QueueClient() { }

    public static void main(String[] args) throws Exception {
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])),
                args[1].getBytes(StandardCharsets.UTF_8));
        manager.register("queue").connect();
        BlockingQueue<String> q = manager.get("queue", BlockingQueue.class);
        String transport = RemoteHandler.transport(q);
        System.out.println("TRANSPORT " + transport);
        if (args[2].equals("take")) {
            System.out.println("took " + q.take());
        } else {
            q.put("via " + transport);
            System.out.println("DONE");
        }
        manager.close();
    }
}
