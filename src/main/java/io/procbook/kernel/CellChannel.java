package io.procbook.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.procbook.shell.api.CellOutput;

import java.util.Map;
import java.util.Objects;

/**
 * The {@link CellOutput} of one execute request: everything goes out with that request's header as parent, so
 * output of threads that outlive the cell still lands in the cell's output area.
 */
final class CellChannel implements CellOutput {
    private final Message request;
    private final boolean allowStdin;
    private final IopubPublisher publisher;
    private final MessageFactory factory;
    private final StdinBroker stdin;

    CellChannel(Message request, boolean allowStdin, IopubPublisher publisher, MessageFactory factory,
                StdinBroker stdin) {
        this.request = request;
        this.allowStdin = allowStdin;
        this.publisher = publisher;
        this.factory = factory;
        this.stdin = stdin;
    }

    @Override
    public void stream(String name, String text) {
        if (!"stdout".equals(name) && !"stderr".equals(name)) {
            throw new IllegalArgumentException("stream name must be stdout or stderr, not " + name);
        }
        publisher.stream(request.header(), name, Objects.requireNonNull(text, "text"));
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        Objects.requireNonNull(data, "data");
        if (update && displayId == null) {
            throw new IllegalArgumentException("update_display_data needs a display id");
        }
        JsonObject content = new JsonObject();
        content.add("data", toJson(data, "data"));
        content.add("metadata", metadata == null ? new JsonObject() : toJson(metadata, "metadata"));
        JsonObject transientPart = new JsonObject();
        if (displayId != null) {
            transientPart.addProperty("display_id", displayId);
        }
        content.add("transient", transientPart);
        publisher.publish(factory.iopub(request.header(), update ? "update_display_data" : "display_data", content));
    }

    @Override
    public void clearOutput(boolean wait) {
        JsonObject content = new JsonObject();
        content.addProperty("wait", wait);
        publisher.publish(factory.iopub(request.header(), "clear_output", content));
    }

    @Override
    public String input(String prompt, boolean password) {
        if (!allowStdin) {
            throw new IllegalStateException("this front end does not accept input (allow_stdin is false)");
        }
        publisher.flush(request.header());   // text printed before the prompt belongs before it
        return stdin.request(request.identities(), request.header(), prompt == null ? "" : prompt, password);
    }

    /**
     * Converts a mime bundle (or metadata) in the caller's thread, so a value Gson cannot write (NaN, a cycle)
     * fails in the code that displayed it, with a message saying what was wrong.
     */
    static JsonObject toJson(Map<String, Object> map, String what) {
        try {
            JsonElement e = Json.GSON.toJsonTree(map);
            return e.getAsJsonObject();
        } catch (RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException("display " + what + " cannot be written as JSON: " + e, e);
        }
    }
}
