package io.procbook.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZMQ frames and back: {@code [identities..., <IDS|MSG>, signature, header, parent_header,
 * metadata, content, buffers...]}. Decoding checks the signature before it parses anything, so an unsigned or
 * forged message never reaches the JSON parser, let alone the engine; and a signed message is accepted once
 * only ({@link ReplayCache}).
 */
final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final Signer signer;
    private final ReplayCache replays = new ReplayCache();

    WireCodec(Signer signer) {
        this.signer = signer;
    }

    List<byte[]> encode(Message m) {
        List<byte[]> json = List.of(bytes(m.header()), bytes(m.parentHeader()), bytes(m.metadata()), bytes(m.content()));
        List<byte[]> frames = new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
        frames.addAll(m.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(json).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(json);
        frames.addAll(m.buffers());
        return frames;
    }

    /** The message, or null (after reporting the problem) when it must be dropped. */
    Message decodeOrReport(List<byte[]> frames, ProblemLog problems) {
        try {
            return decode(frames);
        } catch (MalformedMessageException e) {
            problems.report(e.problem, e.getMessage());
            return null;
        }
    }

    Message decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException(Problem.MALFORMED_FRAMES, "no <IDS|MSG> delimiter in " + frames.size() + " frames");
        }
        if (frames.size() - delimiter - 1 < 5) {
            throw new MalformedMessageException(Problem.MALFORMED_FRAMES, "only " + (frames.size() - delimiter - 1) + " frames after <IDS|MSG>");
        }
        List<byte[]> json = frames.subList(delimiter + 2, delimiter + 6);
        if (!signer.verify(frames.get(delimiter + 1), json)) {
            throw new MalformedMessageException(Problem.BAD_SIGNATURE, "signature does not match");
        }
        if (signer.signs() && !replays.firstSeen(new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII))) {
            throw new MalformedMessageException(Problem.REPLAYED, "this signature was seen before");
        }
        JsonObject header = parse(json.get(0), "header");
        JsonObject parent = parse(json.get(1), "parent_header");
        JsonObject metadata = parse(json.get(2), "metadata");
        JsonObject content = parse(json.get(3), "content");
        requireString(header, "msg_id");
        requireString(header, "msg_type");
        return new Message(frames.subList(0, delimiter), header, parent, metadata, content,
                frames.subList(delimiter + 6, frames.size()));
    }

    private static void requireString(JsonObject header, String field) throws MalformedMessageException {
        JsonElement e = header.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isEmpty()) {
            throw new MalformedMessageException(Problem.MISSING_FIELD, "header." + field + " missing or not a string");
        }
    }

    private static JsonObject parse(byte[] frame, String part) throws MalformedMessageException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(frame)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(Problem.INVALID_JSON, part + " is not UTF-8");
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(Problem.INVALID_JSON, part + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(JsonObject o) {
        return Json.GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    }
}
