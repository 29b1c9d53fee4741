package io.procbook.mp.manager;

import io.procbook.testing.Poll;
import io.procbook.mp.BaseManager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/** Serves one queue with {@code serve()} in its main thread; prints {@code READY port} once it listens. */
public final class QueueServer {

    private QueueServer() { }

    public static void main(String[] args) {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", 0), args[0].getBytes(StandardCharsets.UTF_8));
        manager.register("queue", () -> queue);
        Thread announcer = new Thread(() -> {
            Poll.until("manager.address().getPort() != 0", () -> manager.address().getPort() != 0, 60_000);
            System.out.println("READY " + manager.address().getPort());
        });
        announcer.start();
        manager.serve();
    }
}
