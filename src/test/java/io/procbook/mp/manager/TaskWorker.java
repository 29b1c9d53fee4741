package io.procbook.mp.manager;

import io.procbook.mp.BaseManager;
import io.procbook.mp.internal.manager.RemoteHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The seed's task_worker.py in Java, a plain program with no kernel:
 * {@code java -cp <jar>:<test-classes> io.procbook.mp.manager.TaskWorker HOST PORT AUTHKEY}. It connects to
 * the master's manager, takes up to 10 tasks with {@code poll(1, SECONDS)} (as the seed's loop of 10 does;
 * stopping early if the queue stays empty), and puts {@code "n * n = n²"} results. It prints how it reaches
 * the master ({@code transport shared memory} or {@code transport TCP}).
 */
public final class TaskWorker {

    private TaskWorker() { }

    public static void main(String[] args) throws Exception {
        var manager = new BaseManager(new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                args[2].getBytes(StandardCharsets.UTF_8));
        manager.register("get_task_queue");
        manager.register("get_result_queue");
        manager.connect();
        BlockingQueue<Integer> task = manager.get("get_task_queue", BlockingQueue.class);
        BlockingQueue<String> result = manager.get("get_result_queue", BlockingQueue.class);
        System.out.println("transport " + RemoteHandler.transport(task));
        for (int i = 0; i < 10; i++) {
            Integer n = task.poll(1, TimeUnit.SECONDS);
            if (n == null) {
                System.out.println("task queue is empty");
                break;
            }
            System.out.println("run task " + n + "*" + n);
            result.put(n + " * " + n + " = " + (n * n));
        }
        System.out.println("worker exit");
    }
}
