package io.procbook.kernel;

import com.google.gson.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** Builds the kernel's outgoing messages: protocol 5.3 headers of this kernel's session. */
final class MessageFactory {
    static final String PROTOCOL_VERSION = "5.3";
    /** Microseconds, like jupyter_client: Python's datetime cannot parse more fractional digits. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private final String username;
    /**
     * Made on first use: the first random UUID of a JVM seeds a SecureRandom (security providers, the OS's
     * entropy), which the kernel does while its sockets bind, not before.
     */
    private String session;

    MessageFactory(String username) {
        this.username = username;
    }

    synchronized String session() {
        if (session == null) session = UUID.randomUUID().toString();
        return session;
    }

    JsonObject header(String msgType) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session());
        h.addProperty("username", username);
        h.addProperty("date", DATE.format(OffsetDateTime.now(ZoneOffset.UTC)));
        h.addProperty("msg_type", msgType);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }

    /** A reply to {@code request}, routed back to the identities it came from. */
    Message reply(Message request, String msgType, JsonObject content) {
        return new Message(request.identities(), header(msgType), request.header(), new JsonObject(), content, List.of());
    }

    /** An iopub message; its topic is the message type (clients subscribe to everything). */
    Message iopub(JsonObject parentHeader, String msgType, JsonObject content) {
        return new Message(List.of(msgType.getBytes(StandardCharsets.UTF_8)), header(msgType), parentHeader,
                new JsonObject(), content, List.of());
    }

    /** A message to a given peer (input_request on stdin goes to the identities of the execute_request). */
    Message to(List<byte[]> identities, JsonObject parentHeader, String msgType, JsonObject content) {
        return new Message(identities, header(msgType), parentHeader, new JsonObject(), content, List.of());
    }
}
