package io.procbook.mp.internal.manager;

import io.procbook.mp.AuthenticationException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual HMAC-SHA256 challenge-response on a shared auth key, the scheme of Python's
 * multiprocessing.connection: the server challenges the client, then the client challenges the server. Only
 * length-prefixed raw byte frames of at most {@link #MAX_FRAME} bytes are read here, so a peer without the key
 * never gets a byte into a deserializer, and a peer sending a huge length or garbage is refused at once.
 */
public final class Auth {

    static final int MAX_FRAME = 256;
    /** The shortest auth key a user may give: shorter ones can be guessed offline from one recorded handshake. */
    public static final int MIN_KEY_BYTES = 16;
    private static final byte[] CHALLENGE = bytes("#CHALLENGE#");
    private static final byte[] WELCOME = bytes("#WELCOME#");
    private static final byte[] FAILURE = bytes("#FAILURE#");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Auth() { }

    /**
     * Checks a key given by a user (not one this library made at random).
     *
     * @return {@code key}
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException if it is shorter than {@link #MIN_KEY_BYTES}
     */
    public static byte[] requireStrongKey(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("an auth key must be at least " + MIN_KEY_BYTES + " bytes (this one"
                    + " has " + key.length + "): anyone who records one handshake can try short keys offline;"
                    + " use a long random secret");
        }
        return key;
    }

    /** The server's half: challenge the client, then answer its challenge. */
    public static void asServer(DataInputStream in, DataOutputStream out, byte[] key) throws IOException {
        challenge(in, out, key, "client");
        answer(in, out, key, "client");
    }

    /** The client's half: answer the server's challenge, then challenge it. */
    public static void asClient(DataInputStream in, DataOutputStream out, byte[] key) throws IOException {
        answer(in, out, key, "server");
        challenge(in, out, key, "server");
    }

    private static void challenge(DataInputStream in, DataOutputStream out, byte[] key, String peer)
            throws IOException {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        byte[] message = concat(CHALLENGE, nonce);
        writeFrame(out, message);
        byte[] digest = readFrame(in, peer);
        boolean ok = MessageDigest.isEqual(digest, hmac(key, message));
        writeFrame(out, ok ? WELCOME : FAILURE);
        if (!ok) {
            throw new AuthenticationException("the " + peer + " does not have the same auth key: its answer to"
                    + " the HMAC challenge was wrong; connection refused");
        }
    }

    private static void answer(DataInputStream in, DataOutputStream out, byte[] key, String peer)
            throws IOException {
        byte[] message = readFrame(in, peer);
        if (message.length <= CHALLENGE.length
                || !Arrays.equals(Arrays.copyOf(message, CHALLENGE.length), CHALLENGE)) {
            throw new AuthenticationException("the " + peer + " is not a procbook manager peer: it did not send"
                    + " an authentication challenge");
        }
        writeFrame(out, hmac(key, message));
        byte[] verdict = readFrame(in, peer);
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("the " + peer + " refused our auth key (wrong auth key)");
        }
    }

    /** One frame in one write: with Nagle off, a separate length write would be a packet of its own. */
    static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
        byte[] b = new byte[4 + frame.length];
        ByteBuffer.wrap(b).putInt(frame.length).put(frame);
        out.write(b);
        out.flush();
    }

    /** Reads a frame of at most {@link #MAX_FRAME} bytes. */
    static byte[] readFrame(DataInputStream in, String peer) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new AuthenticationException("the " + peer + " closed the connection during authentication"
                    + " (wrong auth key or not a manager)");
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new AuthenticationException("the " + peer + " sent a malformed authentication frame"
                    + " (length " + length + ")");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an empty key is legal for HMAC but not for SecretKeySpec
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
