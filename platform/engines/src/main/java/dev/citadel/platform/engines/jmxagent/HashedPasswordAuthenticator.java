package dev.citadel.platform.engines.jmxagent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Checks JMX credentials ({@code String[]{user, password}}) against a file of {@code user sha256-hex} lines, so the
 * engine's files never hold a clear JMX password. The passwords are long random strings: a plain hash suffices.
 */
public final class HashedPasswordAuthenticator implements JMXAuthenticator {

    private final Map<String, byte[]> hashes;

    private HashedPasswordAuthenticator(Map<String, byte[]> hashes) {
        this.hashes = hashes;
    }

    static HashedPasswordAuthenticator load(Path file) throws IOException {
        Map<String, byte[]> hashes = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2) {
                throw new IOException("malformed line in JMX password file " + file);
            }
            hashes.put(parts[0], HexFormat.of().parseHex(parts[1]));
        }
        return new HashedPasswordAuthenticator(hashes);
    }

    /** The hex SHA-256 of a password, as the password file holds it. */
    public static String hash(String password) {
        return HexFormat.of().formatHex(sha256(password));
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
            throw new SecurityException("JMX credentials required: user name and password");
        }
        byte[] expected = hashes.get(pair[0]);
        // Compare against a dummy for unknown users too, so the answer time does not tell which users exist.
        boolean ok = MessageDigest.isEqual(expected == null ? new byte[32] : expected, sha256(pair[1])) && expected != null;
        if (!ok) {
            throw new SecurityException("Authentication failed");
        }
        return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
