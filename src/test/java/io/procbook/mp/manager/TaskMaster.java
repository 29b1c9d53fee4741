package io.procbook.mp.manager;

import io.procbook.mp.BaseManager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The seed's task_master.py in Java, runnable from the command line:
 * {@code java -cp <jar>:<test-classes> io.procbook.mp.manager.TaskMaster HOST PORT AUTHKEY}. It serves two
 * queues from a child process, puts 10 tasks, and reads 10 results with a timeout. Lines starting with
 * {@code READY}, {@code TASKS PUT} and {@code master exit} tell a driving test where it is.
 */
public final class TaskMaster {

    private TaskMaster() { }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        byte[] authKey = args[2].getBytes(StandardCharsets.UTF_8);
        BlockingQueue<Integer> taskQueue = new LinkedBlockingQueue<>();
        BlockingQueue<String> resultQueue = new LinkedBlockingQueue<>();

        var manager = new BaseManager(new InetSocketAddress(host, port), authKey);
        manager.register("get_task_queue", () -> taskQueue);
        manager.register("get_result_queue", () -> resultQueue);
        manager.start();
        System.out.println("READY " + manager.address().getPort());

        BlockingQueue<Integer> task = manager.get("get_task_queue", BlockingQueue.class);
        BlockingQueue<String> result = manager.get("get_result_queue", BlockingQueue.class);
        Random random = new Random();
        for (int i = 0; i < 10; i++) {
            int n = random.nextInt(1001);
            System.out.println("Put Task " + n);
            task.put(n);
        }
        System.out.println("TASKS PUT");
        int status = 0;
        for (int i = 0; i < 10; i++) {
            String r = result.poll(120, TimeUnit.SECONDS);
            if (r == null) {
                System.out.println("result queue is empty");
                status = 1;
                break;
            }
            System.out.println("Result: " + r);
        }
        manager.shutdown();
        System.out.println("master exit");
        System.exit(status);
    }
}
