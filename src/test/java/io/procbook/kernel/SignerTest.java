package io.procbook.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignerTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rfc4231Vectors() {
        // RFC 4231 test case 2, the data split across frames: frames are hashed as one concatenated stream.
        List<byte[]> frames = List.of(b("what do ya want "), b("for nothing?"));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                new Signer("Jefe", "hmac-sha256").sign(frames));
        assertEquals("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
                new Signer("Jefe", "hmac-sha512").sign(frames));
    }

    @Test
    void matchesPythonHmacOnJupyterFrames() {
        // Computed with Python's hmac/hashlib over the four JSON frames, as jupyter_client signs them.
        List<byte[]> frames = List.of(b("{\"msg_id\":\"1\",\"msg_type\":\"kernel_info_request\"}"), b("{}"), b("{}"), b("{}"));
        assertEquals("23d21ade63d42fc48bbe2721cd9045ceffb260c3521b7d246495f23adfca79a0",
                new Signer(KernelFixture.KEY, "hmac-sha256").sign(frames));
        assertEquals("34cb46263930dd7842b5fa6a7c02ae3032f197ff7da445c81de1c2f8855eabdc",
                new Signer(KernelFixture.KEY, "hmac-sha3_256").sign(frames));
    }

    @Test
    void verifyAcceptsOnlyTheExactSignature() {
        Signer s = new Signer("k", "hmac-sha256");
        List<byte[]> frames = List.of(b("{}"), b("{}"), b("{}"), b("{\"code\":\"1\"}"));
        String sig = s.sign(frames);
        assertTrue(s.verify(b(sig), frames));
        assertFalse(s.verify(b(sig.substring(1)), frames));
        assertFalse(s.verify(b(sig.toUpperCase()), frames));
        assertFalse(s.verify(b(""), frames));
        assertFalse(s.verify(b(sig), List.of(b("{}"), b("{}"), b("{}"), b("{\"code\":\"2\"}"))));
    }

    @Test
    void emptyKeyMeansUnsigned() {
        Signer s = new Signer("", "hmac-sha256");
        assertFalse(s.signs());
        assertEquals("", s.sign(List.of(b("{}"))));
        assertTrue(s.verify(b("anything"), List.of(b("{}"))));
    }

    @Test
    void unsupportedSchemesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Signer("k", "hmac-nosuchhash"));
        assertTrue(e.getMessage().contains("hmac-nosuchhash"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Signer("k", "sha256"));
        assertEquals("HmacSHA512/256", Signer.jdkAlgorithm("hmac-sha512_256"));
    }

    @Test
    void aSignerCheckedLaterLooksItsSchemeUpOnCheckOrFirstUse() {
        Signer unsupported = Signer.checkedLater("k", "hmac-nosuchhash");
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class, unsupported::check);
        assertTrue(first.getMessage().contains("hmac-nosuchhash"), first.getMessage());
        assertThrows(IllegalArgumentException.class, unsupported::check, "refused every time, not only once");
        assertThrows(IllegalArgumentException.class, () -> unsupported.sign(List.of(b("{}"))));
        // Unchecked, it signs as the checked one does (RFC 4231 test case 2).
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Signer.checkedLater("Jefe", "hmac-sha256").sign(List.of(b("what do ya want for nothing?"))));
        Signer unsigned = Signer.checkedLater("", "hmac-nosuchhash");
        unsigned.check();   // no key: nothing is signed, so no scheme is needed
        assertEquals("", unsigned.sign(List.of(b("{}"))));
    }
}
