package dev.citadel.catalogapi.idempotency;

import dev.citadel.catalogapi.problem.IdempotencyKeyException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} request header and the id it gives what a write creates.
 *
 * <p>The id is a name-based UUID (RFC 9562 version 5, SHA-1) of a fixed namespace and {@code kind/itemId/key}: the
 * same key on the same item gives the same id on every stamp without asking anyone, so a retried request can only
 * land on the row the first one wrote. Nothing is stored per key; the resource itself is the record.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;
    /** The header's contract in the OpenAPI document. */
    public static final String DESCRIPTION = "Optional, 1-255 visible ASCII characters, unique per request the client"
            + " means (a UUID is a good choice). The same key on the same item always names the same new resource:"
            + " sending the request again (on any stamp) answers 202 with the first Location and the stored body once"
            + " it is stored, and never stores it twice. The same key with a different body: 422"
            + " idempotency-key-reused.";
    /** The header's contract on an item create, which is synchronous (201). */
    public static final String DESCRIPTION_ITEM = "Optional, 1-255 visible ASCII characters, unique per item the"
            + " client means to create (a UUID is a good choice). The key names the new item's id: sending the"
            + " request again (on any stamp) answers 201 with the first Location and the stored item, and never"
            + " creates a second item. The same key with a different body: 422 idempotency-key-reused.";

    /** Fixed for ever: changing it changes every derived id, and replays would no longer find their first outcome. */
    static final UUID NAMESPACE = UUID.fromString("6f1c2f6e-8a3b-5d0e-9c47-3a1e2b7d4c90");

    private final String value;

    private IdempotencyKey(String value) {
        this.value = value;
    }

    /**
     * The key in {@code header}, or {@code null} when the request has none. A key is taken verbatim: 1–255 visible
     * ASCII characters ({@code !} to {@code ~}), so a UUID, a ULID or the draft's quoted string all work, and no key
     * can carry a separator or a control character into a log line. Anything else is a 400.
     */
    public static IdempotencyKey parse(String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH) {
            throw new IdempotencyKeyException("Idempotency-Key must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '!' || c > '~') {
                throw new IdempotencyKeyException("Idempotency-Key may contain only visible ASCII characters");
            }
        }
        return new IdempotencyKey(header);
    }

    /** The id of the {@code kind} ({@code comment}, {@code rating}) this key creates on {@code itemId}. */
    public UUID idFor(String kind, UUID itemId) {
        return nameBased(NAMESPACE, kind + "/" + itemId + "/" + value);
    }

    /** The id of the top-level resource of {@code kind} ({@code item}) this key creates. */
    public UUID idFor(String kind) {
        return nameBased(NAMESPACE, kind + "/" + value);
    }

    /** The id for this request: derived from its key when it has one, random otherwise. */
    public static UUID idFor(IdempotencyKey key, String kind, UUID itemId) {
        return key == null ? UUID.randomUUID() : key.idFor(kind, itemId);
    }

    /** RFC 9562 §5.5: SHA-1 over the namespace's 16 bytes then the name, version 5, variant 10. */
    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    @Override
    public String toString() {
        // Keys are client data: never logged whole.
        return "IdempotencyKey[" + value.length() + " chars]";
    }
}
