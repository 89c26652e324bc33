package dev.citadel.catalogapi.idempotency;

import dev.citadel.catalogapi.problem.IdempotencyProblemException;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header. The draft (draft-ietf-httpapi-idempotency-key-header) makes it a
 * Structured Field string, {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}; the bare token that payment APIs accept is
 * taken too. Keys are 1–255 characters of letters, digits and {@code - _ . ~ : + / =} (UUIDs, ULIDs, base64), so a
 * key can never smuggle a separator into the record's scope or a log line.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9\\-_.~:+/=]+");

    private IdempotencyKey() {}

    /** The key inside {@code header}; a {@link IdempotencyProblemException} (400) when it is not a usable key. */
    public static String parse(String header) {
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty()) {
            throw IdempotencyProblemException.invalid("Idempotency-Key must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw IdempotencyProblemException.invalid("Idempotency-Key must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw IdempotencyProblemException.invalid(
                    "Idempotency-Key may contain only letters, digits and - _ . ~ : + / =");
        }
        return value;
    }
}
