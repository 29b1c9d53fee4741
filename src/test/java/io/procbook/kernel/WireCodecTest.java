package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireCodecTest {
    private final WireCodec codec = new WireCodec(new Signer("secret", "hmac-sha256"));
    private final MessageFactory factory = new MessageFactory("tester");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Message sample() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "System.out.println(\"<héllo> \\u2603\");");
        JsonObject parent = factory.header("execute_request");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("cellId", "abc");
        return new Message(List.of(b("id-1"), new byte[] {0, 1, 2}), factory.header("execute_reply"), parent, metadata,
                content, List.of(new byte[] {9, 8, 7}, new byte[0]));
    }

    @Test
    void roundTripKeepsIdentitiesJsonAndBuffers() throws Exception {
        Message m = sample();
        List<byte[]> frames = codec.encode(m);
        assertArrayEquals(b("id-1"), frames.get(0));
        assertArrayEquals(new byte[] {0, 1, 2}, frames.get(1));
        assertArrayEquals(WireCodec.DELIMITER, frames.get(2));
        assertEquals(64, frames.get(3).length, "hex sha256 signature");
        assertEquals(2 + 1 + 1 + 4 + 2, frames.size());

        Message back = codec.decode(frames);
        assertEquals(2, back.identities().size());
        assertArrayEquals(new byte[] {0, 1, 2}, back.identities().get(1));
        assertEquals(m.header(), back.header());
        assertEquals(m.parentHeader(), back.parentHeader());
        assertEquals(m.metadata(), back.metadata());
        assertEquals(m.content(), back.content());
        assertEquals(2, back.buffers().size());
        assertArrayEquals(new byte[] {9, 8, 7}, back.buffers().get(0));
        assertEquals(0, back.buffers().get(1).length);
    }

    @Test
    void headersCarryProtocol53Fields() {
        JsonObject h = factory.header("status");
        for (String field : List.of("msg_id", "session", "username", "date", "msg_type", "version")) {
            assertTrue(h.has(field), field);
        }
        assertEquals("5.3", h.get("version").getAsString());
        assertEquals(factory.session(), h.get("session").getAsString());
        assertTrue(h.get("date").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}(Z|[+-]\\d\\d:\\d\\d)"),
                h.get("date").getAsString());
        assertTrue(!h.get("msg_id").getAsString().equals(factory.header("status").get("msg_id").getAsString()));
    }

    @Test
    void unsignedMessagesCarryAnEmptySignature() throws Exception {
        WireCodec unsigned = new WireCodec(new Signer("", "hmac-sha256"));
        List<byte[]> frames = unsigned.encode(sample());
        assertEquals(0, frames.get(3).length);
        assertEquals(sample().content(), unsigned.decode(frames).content());
    }

    private Problem problemOf(List<byte[]> frames) {
        return assertThrows(MalformedMessageException.class, () -> codec.decode(frames)).problem;
    }

    private List<byte[]> signed(String header, String parent, String metadata, String content) {
        List<byte[]> json = List.of(b(header), b(parent), b(metadata), b(content));
        List<byte[]> frames = new ArrayList<>();
        frames.add(b("peer"));
        frames.add(WireCodec.DELIMITER);
        frames.add(b(new Signer("secret", "hmac-sha256").sign(json)));
        frames.addAll(json);
        return frames;
    }

    @Test
    void badMessagesAreClassified() {
        List<byte[]> good = codec.encode(sample());
        List<byte[]> tampered = new ArrayList<>(good);
        tampered.set(good.size() - 3, b("{\"code\":\"System.exit(0)\"}"));
        assertEquals(Problem.BAD_SIGNATURE, problemOf(tampered));
        assertEquals(Problem.MALFORMED_FRAMES, problemOf(List.of(b("no"), b("delimiter"))));
        assertEquals(Problem.MALFORMED_FRAMES, problemOf(good.subList(0, 6)));
        assertEquals(Problem.INVALID_JSON, problemOf(signed("{\"msg_id\":", "{}", "{}", "{}")));
        assertEquals(Problem.INVALID_JSON, problemOf(signed("{msg_id: unquoted}", "{}", "{}", "{}")), "lenient JSON is refused");
        assertEquals(Problem.INVALID_JSON, problemOf(signed("{\"msg_id\":\"1\",\"msg_type\":\"x\"} {}", "{}", "{}", "{}")));
        assertEquals(Problem.INVALID_JSON, problemOf(signed("[1,2]", "{}", "{}", "{}")));
        assertEquals(Problem.MISSING_FIELD, problemOf(signed("{\"msg_id\":\"1\"}", "{}", "{}", "{}")));
        assertEquals(Problem.MISSING_FIELD, problemOf(signed("{\"msg_id\":7,\"msg_type\":\"kernel_info_request\"}", "{}", "{}", "{}")));

        List<byte[]> badUtf8 = signed("{\"msg_id\":\"1\",\"msg_type\":\"x\"}", "{}", "{}", "{}");
        List<byte[]> json = List.of(badUtf8.get(3), badUtf8.get(4), badUtf8.get(5), new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});
        badUtf8.set(6, json.get(3));
        badUtf8.set(2, b(new Signer("secret", "hmac-sha256").sign(json)));
        assertEquals(Problem.INVALID_JSON, problemOf(badUtf8));
    }

    @Test
    void aSignedMessageIsAcceptedOnceAndAReplayIsDropped() throws Exception {
        List<byte[]> frames = codec.encode(sample());
        assertEquals(sample().content(), codec.decode(frames).content());
        assertEquals(Problem.REPLAYED, problemOf(frames));
        WireCodec unsigned = new WireCodec(new Signer("", "hmac-sha256"));
        List<byte[]> plain = unsigned.encode(sample());
        unsigned.decode(plain);
        unsigned.decode(plain); // without a key there are no signatures to remember
    }

    @Test
    void theReplayCacheForgetsTheOldestWhenFull() {
        ReplayCache cache = new ReplayCache();
        for (int i = 0; i < ReplayCache.CAPACITY; i++) assertTrue(cache.firstSeen("s" + i));
        assertTrue(!cache.firstSeen("s0"));
        assertTrue(cache.firstSeen("one more"));
        assertTrue(cache.firstSeen("s0"), "the oldest was forgotten");
        assertTrue(!cache.firstSeen("one more"));
    }
}
