package dev.citadel.platform.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A secret value (password, key material in text form). Its {@link #toString()} is {@code [hidden]}
 * so that a secret that slips into a log line or an exception message reveals nothing.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * The secrets of a list file's content (API keys, edge ids, passwords during a rotation): comma- or
     * whitespace-separated, in order, blanks dropped. The one format every writer and follower of such a file shares.
     */
    public static List<Secret> listOf(String content) {
        return Arrays.stream(content.split("[,\\s]+")).filter(v -> !v.isBlank()).map(Secret::of).toList();
    }

    /** The clear value; call it only where the value is handed to the thing that needs it. */
    public String reveal() {
        return value;
    }

    public char[] revealChars() {
        return value.toCharArray();
    }

    /** Constant-time comparison, so a caller checking a presented secret leaks no timing. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.matches(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
