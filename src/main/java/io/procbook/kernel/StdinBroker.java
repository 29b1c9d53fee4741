package io.procbook.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Asks the front end for input over the stdin channel and hands the answer to the waiting cell thread. One
 * prompt is open at a time (a front end shows one input box); other callers wait their turn. An interrupt or
 * shutdown ends the wait with an exception, as does interrupting the waiting thread.
 */
final class StdinBroker {
    private final MessageFactory factory;
    private final Consumer<Message> sendStdin;
    private final ProblemLog problems;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);
    private final Object lock = new Object();
    private String pendingId;
    private CompletableFuture<String> pending;

    StdinBroker(MessageFactory factory, Consumer<Message> sendStdin, ProblemLog problems) {
        this.factory = factory;
        this.sendStdin = sendStdin;
        this.problems = problems;
    }

    /**
     * Sends an input_request to the client that sent the execute request and blocks for its input_reply.
     *
     * @throws IllegalStateException if the wait is interrupted or cancelled (interrupt_request, shutdown)
     */
    String request(List<byte[]> identities, JsonObject parent, String prompt, boolean password) {
        try {
            oneAtATime.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("input interrupted", e);
        }
        try {
            JsonObject content = new JsonObject();
            content.addProperty("prompt", prompt);
            content.addProperty("password", password);
            Message request = factory.to(identities, parent, "input_request", content);
            CompletableFuture<String> answer = new CompletableFuture<>();
            synchronized (lock) {
                pendingId = request.msgId();
                pending = answer;
            }
            sendStdin.accept(request);
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("input interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            synchronized (lock) {
                pendingId = null;
                pending = null;
            }
            oneAtATime.unlock();
        }
    }

    /** Delivers an input_reply received on the stdin socket. */
    void onReply(Message reply) {
        if (!reply.msgType().equals("input_reply")) {
            problems.report(Problem.UNKNOWN_TYPE, reply.msgType() + " on stdin");
            return;
        }
        JsonElement parentId = reply.parentHeader().get("msg_id");
        JsonElement value = reply.content().get("value");
        synchronized (lock) {
            // jupyter_client's KernelClient.input() sends input_reply without a parent header; with one prompt
            // open at a time, such a reply can only answer that prompt. A reply naming another prompt is stale.
            boolean answers = pending != null && (parentId == null
                    || parentId.isJsonPrimitive() && parentId.getAsString().equals(pendingId));
            if (!answers) {
                problems.report(Problem.UNEXPECTED_INPUT_REPLY, "parent " + parentId);
                return;
            }
            if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                problems.report(Problem.BAD_CONTENT, "input_reply without a string 'value'");
                pending.completeExceptionally(new IllegalStateException("the front end sent no input value"));
                return;
            }
            pending.complete(value.getAsString());
        }
    }

    /** Ends a pending wait, if any, with an IllegalStateException carrying {@code reason}. */
    void cancel(String reason) {
        synchronized (lock) {
            if (pending != null) {
                pending.completeExceptionally(new IllegalStateException(reason));
            }
        }
    }
}
