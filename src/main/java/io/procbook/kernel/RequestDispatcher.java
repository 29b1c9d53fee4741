package io.procbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.procbook.shell.api.Engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * Answers one request (shell or control) between a busy and an idle status that carry it as parent. Bad
 * content and unknown request types get an error reply; the kernel never stops serving because of a request.
 */
final class RequestDispatcher {
    /** Where a request arrived; execute requests are served on the shell channel only. */
    enum Channel { SHELL, CONTROL }

    /** What the kernel does for interrupt and shutdown requests. */
    interface Lifecycle {
        /** Stops the running cell; returns at once. */
        void interrupt();

        /** Starts shutting the kernel down; called after the reply and the idle status were queued. */
        void shutdown(boolean restart);
    }

    private final Engine engine;
    private final MessageFactory factory;
    private final IopubPublisher publisher;
    private final History history;
    private final ExecutionHandler execution;
    private final ProblemLog problems;
    private final Lifecycle lifecycle;

    RequestDispatcher(Engine engine, MessageFactory factory, IopubPublisher publisher, History history,
                      ExecutionHandler execution, ProblemLog problems, Lifecycle lifecycle) {
        this.engine = engine;
        this.factory = factory;
        this.publisher = publisher;
        this.history = history;
        this.execution = execution;
        this.problems = problems;
        this.lifecycle = lifecycle;
    }

    /**
     * Serves a request and sends its reply (if it has one) through {@code reply}.
     *
     * @param beforeAbortingReply see {@link ExecutionHandler#execute}
     * @return true when it was an execute request that failed with stop_on_error set
     */
    boolean handle(Message request, Channel channel, Consumer<Message> reply, Runnable beforeAbortingReply) {
        String type = request.msgType();
        status(request, "busy");
        boolean abortQueued = false;
        Boolean shutdownRestart = null;
        try {
            switch (type) {
                case "execute_request" -> {
                    if (channel != Channel.SHELL) {
                        throw new BadRequestException("execute_request is served on the shell channel only");
                    }
                    abortQueued = execution.execute(request, reply, beforeAbortingReply);
                }
                case "kernel_info_request" -> reply.accept(factory.reply(request, "kernel_info_reply",
                        KernelInfo.content(engine.languageVersion())));
                case "complete_request" -> reply.accept(factory.reply(request, "complete_reply", complete(request.content())));
                case "inspect_request" -> reply.accept(factory.reply(request, "inspect_reply", inspect(request.content())));
                case "is_complete_request" -> reply.accept(factory.reply(request, "is_complete_reply", isComplete(request.content())));
                case "history_request" -> reply.accept(factory.reply(request, "history_reply", history(request.content())));
                case "comm_info_request" -> {
                    JsonObject c = ok();
                    c.add("comms", new JsonObject());
                    reply.accept(factory.reply(request, "comm_info_reply", c));
                }
                case "comm_open" -> refuseComm(request);
                case "comm_msg", "comm_close" -> {
                    // no comm is ever open here, so there is nothing to deliver them to
                }
                case "interrupt_request" -> {
                    lifecycle.interrupt();
                    reply.accept(factory.reply(request, "interrupt_reply", ok()));
                }
                case "shutdown_request" -> {
                    boolean restart = Json.bool(request.content(), "restart", false);
                    JsonObject c = ok();
                    c.addProperty("restart", restart);
                    reply.accept(factory.reply(request, "shutdown_reply", c));
                    publisher.publish(factory.iopub(request.header(), "shutdown_reply", c));
                    shutdownRestart = restart;
                }
                default -> unknown(request, reply);
            }
        } catch (BadRequestException e) {
            problems.report(Problem.BAD_CONTENT, type + ": " + e.getMessage());
            replyError(request, reply, "BadRequest", type + ": " + e.getMessage(), List.of());
        } catch (RuntimeException e) {
            problems.report(Problem.ENGINE_FAILURE, type + ": " + e);
            replyError(request, reply, e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    ExecutionHandler.stackLines(e));
        } finally {
            status(request, "idle");
        }
        if (shutdownRestart == null) {
            // The reply and the idle status are on their way: what the start put off can begin now (both are
            // no-ops after the first time) without slowing the first reply down on two cores.
            engine.prepare();
            history.loadInBackground();
        } else {
            lifecycle.shutdown(shutdownRestart);
        }
        return abortQueued;
    }

    /** Answers an execute request that is skipped because an earlier one failed, with busy/idle around it. */
    void abort(Message request, Consumer<Message> reply) {
        status(request, "busy");
        try {
            execution.abort(request, reply);
        } finally {
            status(request, "idle");
        }
    }

    private JsonObject complete(JsonObject c) {
        String code = Json.requiredString(c, "code");
        int cursor = Json.integer(c, "cursor_pos", code.codePointCount(0, code.length()));
        Engine.Completion completion = engine.complete(code, cursor);
        JsonObject r = ok();
        JsonArray matches = new JsonArray();
        completion.matches().forEach(matches::add);
        r.add("matches", matches);
        r.addProperty("cursor_start", completion.cursorStart());
        r.addProperty("cursor_end", completion.cursorEnd());
        r.add("metadata", completion.metadata() == null ? new JsonObject()
                : CellChannel.toJson(completion.metadata(), "completion metadata"));
        return r;
    }

    private JsonObject inspect(JsonObject c) {
        String code = Json.requiredString(c, "code");
        int cursor = Json.integer(c, "cursor_pos", code.codePointCount(0, code.length()));
        int detail = Json.integer(c, "detail_level", 0);
        Engine.Inspection inspection = engine.inspect(code, cursor, detail);
        JsonObject r = ok();
        r.addProperty("found", inspection.found());
        r.add("data", inspection.data() == null ? new JsonObject() : CellChannel.toJson(inspection.data(), "inspection"));
        r.add("metadata", new JsonObject());
        return r;
    }

    private JsonObject isComplete(JsonObject c) {
        Engine.Completeness completeness = engine.isComplete(Json.requiredString(c, "code"));
        JsonObject r = new JsonObject();
        r.addProperty("status", completeness.status());
        if ("incomplete".equals(completeness.status())) {
            r.addProperty("indent", completeness.indent() == null ? "" : completeness.indent());
        }
        return r;
    }

    private JsonObject history(JsonObject c) {
        String access = Json.string(c, "hist_access_type", "tail");
        boolean output = Json.bool(c, "output", false);
        List<HistoryEntry> entries = switch (access) {
            case "tail" -> history.tail(Json.integer(c, "n", 10));
            case "range" -> history.range(Json.integer(c, "session", 0), Json.integer(c, "start", 0),
                    Json.integer(c, "stop", 0));
            case "search" -> history.search(Json.string(c, "pattern", "*"), Json.integer(c, "n", 0),
                    Json.bool(c, "unique", false));
            default -> throw new BadRequestException("hist_access_type must be tail, range or search, not " + access);
        };
        JsonArray list = new JsonArray();
        for (HistoryEntry e : entries) {
            JsonArray item = new JsonArray();
            item.add(e.session());
            item.add(e.line());
            if (output) {
                JsonArray inOut = new JsonArray();   // outputs are not kept: the output half is null
                inOut.add(e.input());
                inOut.add(JsonNull.INSTANCE);
                item.add(inOut);
            } else {
                item.add(e.input());
            }
            list.add(item);
        }
        JsonObject r = ok();
        r.add("history", list);
        return r;
    }

    /** With no comm targets, every comm_open is answered by closing the comm, as the messaging spec asks. */
    private void refuseComm(Message request) {
        String commId = Json.requiredString(request.content(), "comm_id");
        JsonObject c = new JsonObject();
        c.addProperty("comm_id", commId);
        c.add("data", new JsonObject());
        publisher.publish(factory.iopub(request.header(), "comm_close", c));
    }

    private void unknown(Message request, Consumer<Message> reply) {
        String type = request.msgType();
        problems.report(Problem.UNKNOWN_TYPE, type);
        replyError(request, reply, "UnknownMessageType", "procbook does not serve " + type, List.of());
    }

    /** Replies {status: error} to a *_request; other messages (comm_*, replies sent by mistake) get none. */
    private void replyError(Message request, Consumer<Message> reply, String ename, String evalue, List<String> tb) {
        String type = request.msgType();
        if (!type.endsWith("_request")) {
            return;
        }
        JsonObject c = new JsonObject();
        c.addProperty("status", "error");
        c.addProperty("ename", ename);
        c.addProperty("evalue", evalue);
        JsonArray traceback = new JsonArray();
        tb.forEach(traceback::add);
        c.add("traceback", traceback);
        reply.accept(factory.reply(request, type.substring(0, type.length() - "_request".length()) + "_reply", c));
    }

    private void status(Message request, String state) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        publisher.publish(factory.iopub(request.header(), "status", c));
    }

    private static JsonObject ok() {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        return c;
    }
}
