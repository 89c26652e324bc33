package dev.citadel.catalogapi.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One write request that carries an {@code Idempotency-Key}: where its record lives and what identifies its payload.
 *
 * @param scope       the client (a hash of its API key, or {@code public} for unauthenticated writes) and the endpoint
 *                    (method and path): the same key from another client, or on another endpoint, is another record
 * @param key         the client's key
 * @param fingerprint SHA-256 of method, path and body bytes: the same key with a different payload is refused (422)
 */
public record IdempotentRequest(String scope, String key, String fingerprint) {

    /** A fixed namespace for {@link #resourceId()} (name-based UUIDs, RFC 9562 §5.5). */
    static final UUID NAMESPACE = UUID.fromString("4f8e3f5c-6a0b-4a8e-9d55-2b1c7f0e9a31");

    /**
     * @param apiKey the {@code X-API-KEY} presented, or null; only its hash is kept (in the scope)
     * @param path   the request URI, with {@code ?query} when there is one
     */
    public static IdempotentRequest of(String method, String path, String apiKey, byte[] body, String key) {
        String client = apiKey == null || apiKey.isEmpty() ? "public"
                : HexFormat.of().formatHex(sha256(apiKey.getBytes(StandardCharsets.UTF_8)), 0, 16);
        MessageDigest fingerprint = digest("SHA-256");
        fingerprint.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
        fingerprint.update(body);
        return new IdempotentRequest(client + " " + method + " " + path, key,
                HexFormat.of().formatHex(fingerprint.digest()));
    }

    /**
     * The id of whatever this request creates, derived from scope and key (a UUID v5): every execution of the same
     * keyed request — a retry after an unknown outcome, a second stamp after a lease ran out — writes the same
     * resource instead of a second one, so even a lost race cannot duplicate it.
     */
    public UUID resourceId() {
        MessageDigest sha1 = digest("SHA-1");
        byte[] ns = new byte[16];
        long msb = NAMESPACE.getMostSignificantBits();
        long lsb = NAMESPACE.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            ns[i] = (byte) (msb >>> (56 - 8 * i));
            ns[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        sha1.update(ns);
        sha1.update((scope + "\n" + key).getBytes(StandardCharsets.UTF_8));
        byte[] h = sha1.digest();
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (h[i] & 0xff);
            low = (low << 8) | (h[8 + i] & 0xff);
        }
        return new UUID(high, low);
    }

    private static byte[] sha256(byte[] bytes) {
        return digest("SHA-256").digest(bytes);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }
}
