package io.procbook.kernel;

import com.google.gson.JsonObject;

import java.util.List;

/**
 * One Jupyter message: the routing identities in front of the {@code <IDS|MSG>} delimiter, the four JSON parts
 * and any binary buffers after them. The JSON objects are shared, not copied: treat them as read-only once the
 * message is built.
 */
record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
               JsonObject content, List<byte[]> buffers) {

    Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    String msgType() {
        return header.get("msg_type").getAsString();
    }

    String msgId() {
        return header.get("msg_id").getAsString();
    }
}
