package dev.citadel.catalogapi.idempotency;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A request's content as the claim of its {@code Idempotency-Key} records it: SHA-256 over the client-writable
 * fields, each length-prefixed (so {@code "ab","c"} and {@code "a","bc"} differ) and with absent distinct from empty.
 * Two requests have one fingerprint exactly when the key's replay rules call them the same request: a price by value
 * ({@code 9.9} = {@code 9.90}), text verbatim.
 */
public final class Fingerprint {

    private final ByteArrayOutputStream fields = new ByteArrayOutputStream();

    private Fingerprint(String kind) {
        text(kind);
    }

    /** An item create: name, description, imageUrl, price. */
    public static byte[] ofItem(String name, String description, String imageUrl, BigDecimal price) {
        return new Fingerprint("item").text(name).text(description).text(imageUrl)
                .text(price == null ? null : price.stripTrailingZeros().toPlainString()).digest();
    }

    /** A comment: author and text. */
    public static byte[] ofComment(String authorName, String text) {
        return new Fingerprint("comment").text(authorName).text(text).digest();
    }

    /** A vote: its value. */
    public static byte[] ofRating(Integer rating) {
        return new Fingerprint("rating").text(rating == null ? null : rating.toString()).digest();
    }

    private Fingerprint text(String value) {
        if (value == null) {
            fields.write(0);
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        fields.write(1);
        fields.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        fields.writeBytes(bytes);
        return this;
    }

    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(fields.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
