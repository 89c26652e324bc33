package dev.citadel.platform.engines;

import java.util.regex.Pattern;

/** Validation shared by the spec records; messages name the field and the value. */
final class SpecChecks {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** 127.0.0.0/8 or 198.18.0.0/15; the groups are the octets after the fixed prefix. */
    private static final Pattern PRIVATE = Pattern.compile("(?:127\\.(\\d{1,3})|198\\.1[89])\\.(\\d{1,3})\\.(\\d{1,3})");

    private SpecChecks() {
    }

    static String name(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must match " + NAME + " but was '" + value + "'");
        }
        return value;
    }

    /**
     * Engines bind only to addresses nothing outside this machine reaches: loopback (127.0.0.0/8), or the isolated
     * zones' 198.18.0.0/15 (special-purpose, never routed on the internet, and existing only inside the network
     * namespaces of an isolated run). Never a public interface, never a wildcard.
     */
    static String privateAddress(String field, String value) {
        var m = value == null ? null : PRIVATE.matcher(value);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(field + " must be an IPv4 address in 127.0.0.0/8 (loopback) or "
                    + "198.18.0.0/15 (the isolated zones) but was '" + value + "'");
        }
        for (int i = 1; i <= 3; i++) {
            if (m.group(i) != null && Integer.parseInt(m.group(i)) > 255) {
                throw new IllegalArgumentException(field + " is not a valid address: " + value);
            }
        }
        return value;
    }

    static int port(String field, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(field + " must be a TCP port but was " + value);
        }
        return value;
    }

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + " but was " + value);
        }
        return value;
    }
}
