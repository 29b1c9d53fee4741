package io.procbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.procbook.shell.api.Engine;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import io.procbook.shell.api.TextWidth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Serves execute_request: the execution counter, history, execute_input, running the cell through the engine,
 * execute_result or error on iopub, user_expressions and the reply. Used by the shell worker thread only.
 */
final class ExecutionHandler {
    private final Engine engine;
    private final MessageFactory factory;
    private final IopubPublisher publisher;
    private final StdinBroker stdin;
    private final History history;
    private final ProblemLog problems;
    private int executionCount;

    ExecutionHandler(Engine engine, MessageFactory factory, IopubPublisher publisher, StdinBroker stdin,
                     History history, ProblemLog problems) {
        this.engine = engine;
        this.factory = factory;
        this.publisher = publisher;
        this.stdin = stdin;
        this.history = history;
        this.problems = problems;
    }

    /**
     * Runs the request's cell and replies.
     *
     * @param beforeAbortingReply run just before the reply when the cell failed with stop_on_error: the client
     *                            may send more requests as soon as it sees the reply, and those must not count
     *                            as "already queued"
     * @return true when the cell failed and the request asked to stop on error, i.e. requests already queued
     *         behind it are to be aborted
     * @throws BadRequestException when the content lacks code or has ill-typed options (nothing ran)
     */
    boolean execute(Message request, Consumer<Message> reply, Runnable beforeAbortingReply) {
        JsonObject c = request.content();
        String code = Json.requiredString(c, "code");
        boolean silent = Json.bool(c, "silent", false);
        boolean storeHistory = Json.bool(c, "store_history", !silent) && !silent;
        JsonObject userExpressions = Json.object(c, "user_expressions");
        boolean allowStdin = Json.bool(c, "allow_stdin", true);
        boolean stopOnError = Json.bool(c, "stop_on_error", true);

        if (storeHistory) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            publisher.publish(factory.iopub(request.header(), "execute_input", input));
        }

        ExecuteOutcome outcome = run(code, new CellChannel(request, allowStdin, publisher, factory, stdin), silent);
        JsonObject content = new JsonObject();
        String status = outcome.status();
        if ("ok".equals(status)) {
            content.addProperty("status", "ok");
            content.addProperty("execution_count", count);
            if (outcome.result() != null && !silent) {
                publishResult(request, count, outcome.result());
            }
            content.add("user_expressions", evaluate(userExpressions));
            content.add("payload", Json.GSON.toJsonTree(outcome.payload()));
        } else if ("aborted".equals(status)) {
            content.addProperty("status", "aborted");
            content.addProperty("execution_count", count);
        } else {
            JsonObject error = errorContent(outcome);
            if (!silent) {
                publisher.publish(factory.iopub(request.header(), "error", error));
            }
            content.addProperty("status", "error");
            content.addProperty("execution_count", count);
            error.entrySet().forEach(e -> content.add(e.getKey(), e.getValue()));
        }
        publisher.flush(request.header());   // printed text is queued before the reply leaves on the shell socket
        boolean abortQueued = !"ok".equals(status) && !"aborted".equals(status) && stopOnError;
        if (abortQueued) {
            beforeAbortingReply.run();
        }
        reply.accept(factory.reply(request, "execute_reply", content));
        return abortQueued;
    }

    /** The reply to an execute request skipped because an earlier cell failed (as ipykernel answers it). */
    void abort(Message request, Consumer<Message> reply) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "aborted");
        content.addProperty("execution_count", executionCount);
        reply.accept(factory.reply(request, "execute_reply", content));
    }

    private ExecuteOutcome run(String code, CellChannel out, boolean silent) {
        try {
            ExecuteOutcome o = engine.execute(code, out, silent);
            return o != null ? o : ExecuteOutcome.error("InternalError", "the engine returned no outcome", List.of());
        } catch (RuntimeException | Error e) {
            problems.report(Problem.ENGINE_FAILURE, "execute: " + e);
            return ExecuteOutcome.error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), stackLines(e));
        }
    }

    private void publishResult(Message request, int count, Map<String, Object> data) {
        JsonObject result = new JsonObject();
        result.addProperty("execution_count", count);
        try {
            result.add("data", CellChannel.toJson(data, "result"));
        } catch (IllegalArgumentException e) {
            JsonObject plain = new JsonObject();
            plain.addProperty("text/plain", e.getMessage());
            result.add("data", plain);
        }
        result.add("metadata", new JsonObject());
        publisher.publish(factory.iopub(request.header(), "execute_result", result));
    }

    private JsonObject evaluate(JsonObject userExpressions) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : userExpressions.entrySet()) {
            out.add(e.getKey(), evaluateOne(e.getValue()));
        }
        return out;
    }

    private JsonObject evaluateOne(JsonElement expression) {
        ExecuteOutcome o;
        if (!expression.isJsonPrimitive() || !expression.getAsJsonPrimitive().isString()) {
            o = ExecuteOutcome.error("BadRequest", "user expression is not a string", List.of());
        } else {
            try {
                o = engine.evaluateExpression(expression.getAsString());
                if (o == null) {
                    o = ExecuteOutcome.error("InternalError", "the engine returned no outcome", List.of());
                }
            } catch (RuntimeException ex) {
                problems.report(Problem.ENGINE_FAILURE, "user expression: " + ex);
                o = ExecuteOutcome.error(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()), stackLines(ex));
            }
        }
        if ("ok".equals(o.status())) {
            try {
                JsonObject value = new JsonObject();
                value.addProperty("status", "ok");
                value.add("data", o.result() == null ? new JsonObject() : CellChannel.toJson(o.result(), "expression value"));
                value.add("metadata", new JsonObject());
                return value;
            } catch (IllegalArgumentException ex) {
                o = ExecuteOutcome.error("DisplayError", ex.getMessage(), List.of());
            }
        }
        JsonObject value = errorContent(o);
        value.addProperty("status", "error");
        return value;
    }

    private static JsonObject errorContent(ExecuteOutcome o) {
        JsonObject error = new JsonObject();
        error.addProperty("ename", o.ename() != null ? o.ename() : "Error");
        error.addProperty("evalue", o.evalue() != null ? o.evalue() : "");
        JsonArray tb = new JsonArray();
        if (o.traceback() != null) {
            o.traceback().forEach(tb::add);
        }
        if (tb.isEmpty()) {
            // Front ends show the traceback: without one, the error would show as nothing at all.
            for (String line : TextWidth.wrap(error.get("ename").getAsString() + ": " + error.get("evalue").getAsString(),
                    "", "    ").split("\n")) {
                tb.add(line);
            }
        }
        error.add("traceback", tb);
        return error;
    }

    static List<String> stackLines(Throwable t) {
        List<String> lines = new ArrayList<>(List.of(TextWidth.wrap(t.toString(), "", "    ").split("\n")));
        for (StackTraceElement e : t.getStackTrace()) {
            lines.add("    at " + e);
        }
        return lines;
    }
}
