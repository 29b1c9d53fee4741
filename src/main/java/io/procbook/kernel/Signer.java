package io.procbook.kernel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Signs and verifies messages with the connection file's key and scheme: the lower-case hex HMAC of the
 * header, parent header, metadata and content frames. An empty key means messages are not signed: the
 * signature is the empty string and incoming signatures are not checked (as the messaging spec says).
 *
 * <p>Safe for use by many threads: each thread gets its own {@link Mac}.
 */
final class Signer {
    private final byte[] key;
    private final String scheme;
    private final ThreadLocal<Mac> mac;
    /** The JDK's name for the scheme's HMAC, once looked up; guarded by {@code this}. */
    private String algorithm;
    private IllegalArgumentException unsupported;

    /**
     * @param key    the key (UTF-8 bytes of the connection file's string are the HMAC key)
     * @param scheme {@code hmac-<hash>} with any hash the JDK has an HMAC for, e.g. hmac-sha256, hmac-sha512,
     *               hmac-sha3_256, hmac-sha512_256
     * @throws IllegalArgumentException if the scheme is not an HMAC the JDK provides
     */
    Signer(String key, String scheme) {
        this(key, scheme, true);
    }

    private Signer(String key, String scheme, boolean checkNow) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.scheme = scheme;
        this.mac = ThreadLocal.withInitial(this::newMac);
        if (checkNow) check();
    }

    /**
     * A signer that looks its scheme up in the JDK only on {@link #check()} or its first use. The JDK's first
     * HMAC lookup loads and instantiates its security providers one after the other (tens of milliseconds at a
     * JVM's start): the kernel does that while its sockets bind, not before.
     */
    static Signer checkedLater(String key, String scheme) {
        return new Signer(key, scheme, false);
    }

    /**
     * Looks the scheme up, once.
     *
     * @throws IllegalArgumentException if the scheme is not an HMAC the JDK provides (every time)
     */
    synchronized void check() {
        if (key.length == 0 || algorithm != null) return;
        if (unsupported == null) {
            try {
                algorithm = jdkAlgorithm(scheme);
                return;
            } catch (IllegalArgumentException e) {
                unsupported = e;
            }
        }
        throw unsupported;
    }

    private synchronized String algorithm() {
        check();
        return algorithm;
    }

    boolean signs() {
        return key.length != 0;
    }

    /** The signature of the frames, as it goes on the wire (empty when unsigned). */
    String sign(List<byte[]> frames) {
        if (!signs()) {
            return "";
        }
        Mac m = mac.get();
        for (byte[] f : frames) {
            m.update(f);
        }
        return HexFormat.of().formatHex(m.doFinal());
    }

    /** Whether {@code signature} is the right one for the frames; compares in constant time. */
    boolean verify(byte[] signature, List<byte[]> frames) {
        if (!signs()) {
            return true;
        }
        byte[] expected = sign(frames).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        String algorithm = algorithm();
        try {
            Mac m = mac(algorithm);
            m.init(new SecretKeySpec(key, algorithm));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC " + algorithm + " vanished after it was checked", e);
        }
    }

    /**
     * Asks the JDK's own JCE provider first: a lookup without a provider name loads and asks every installed
     * provider, which costs a noticeable part of the kernel's start.
     */
    private static Mac mac(String algorithm) throws GeneralSecurityException {
        try {
            return Mac.getInstance(algorithm, "SunJCE");
        } catch (GeneralSecurityException e) {
            return Mac.getInstance(algorithm);
        }
    }

    /**
     * Loads the JDK's security providers as far as the HMAC of Jupyter's usual scheme (hmac-sha256), so that
     * later lookups are cheap; a failure here is left for {@link #check()} to report.
     */
    static void preload() {
        try {
            mac("HmacSHA256");
        } catch (GeneralSecurityException e) {
            // check() names the problem, for the scheme actually asked for
        }
    }

    /** Maps Python hashlib names (as jupyter_client writes them) to the JDK's Mac algorithm names. */
    static String jdkAlgorithm(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        if (!s.startsWith("hmac-") || s.length() == 5) {
            throw new IllegalArgumentException("signature_scheme \"" + scheme + "\" is not of the form hmac-<hash>");
        }
        String hash = s.substring(5).toUpperCase(Locale.ROOT);
        List<String> candidates = new ArrayList<>();
        candidates.add("Hmac" + hash);
        candidates.add("Hmac" + hash.replace('_', '-'));       // sha3_256 -> SHA3-256
        candidates.add("Hmac" + hash.replace('_', '/'));       // sha512_256 -> SHA512/256
        candidates.add("Hmac" + hash.replace("-", ""));        // sha-256 -> SHA256
        for (String c : candidates) {
            try {
                mac(c);
                return c;
            } catch (GeneralSecurityException ignored) {
                // try the next spelling
            }
        }
        throw new IllegalArgumentException("signature_scheme \"" + scheme + "\" is not supported by this JDK (tried "
                + String.join(", ", candidates) + ")");
    }
}
