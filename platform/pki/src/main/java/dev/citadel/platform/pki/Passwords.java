package dev.citadel.platform.pki;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates random passwords that are safe in URLs, properties files, YAML and JAAS strings. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 24 random bytes = 192 bits, 32 URL-safe characters. */
    private static final int DEFAULT_BYTES = 24;

    private Passwords() {
    }

    public static Secret generate() {
        return generate(DEFAULT_BYTES);
    }

    public static Secret generate(int randomBytes) {
        if (randomBytes < 16) {
            throw new IllegalArgumentException("randomBytes must be at least 16 but was " + randomBytes);
        }
        byte[] bytes = new byte[randomBytes];
        RANDOM.nextBytes(bytes);
        // URL-safe alphabet without padding: only [A-Za-z0-9_-], nothing any config format must escape.
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
