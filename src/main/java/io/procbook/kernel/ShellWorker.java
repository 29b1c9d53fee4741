package io.procbook.kernel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Serves shell requests one after the other, in arrival order, on its own thread (so the shell socket keeps
 * being read while a cell runs). After a cell fails with stop_on_error, the execute requests that had already
 * arrived are answered "aborted" instead of run, as ipykernel does; other requests are still served.
 */
final class ShellWorker {
    private static final Object BARRIER = new Object();
    private static final Object STOP = new Object();

    private final RequestDispatcher dispatcher;
    private final ShellLoop shell;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    ShellWorker(RequestDispatcher dispatcher, ShellLoop shell) {
        this.dispatcher = dispatcher;
        this.shell = shell;
        this.thread = new Thread(this::run, "procbook-shell-worker");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Called on the shell thread for every verified shell message. */
    void submit(Message request) {
        queue.add(request);
    }

    /** Requests received and not yet being served. */
    int backlog() {
        return (int) queue.stream().filter(o -> o instanceof Message).count();
    }

    /** Lets the worker end after the current request; interrupts it if it does not end within the timeout. */
    void stop(long timeoutMs) throws InterruptedException {
        queue.add(STOP);
        thread.join(timeoutMs);
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        boolean aborting = false;
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP) {
                return;
            }
            if (item == BARRIER) {
                aborting = false;
                continue;
            }
            Message request = (Message) item;
            if (aborting && request.msgType().equals("execute_request")) {
                dispatcher.abort(request, shell::sendShell);
                continue;
            }
            // Everything the shell thread reads before the barrier arrived before the client saw the failure.
            aborting |= dispatcher.handle(request, RequestDispatcher.Channel.SHELL, shell::sendShell,
                    () -> shell.afterDrain(() -> queue.add(BARRIER)));
            Thread.interrupted();   // an interrupt aimed at the finished cell must not hit the next one
        }
    }
}
