package dev.citadel.egress.policy;

import dev.citadel.egress.config.ConfigException;
import dev.citadel.egress.config.EgressProperties.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Source identity from {@code Proxy-Authorization: Basic base64(source:password)} (RFC 7617). Passwords are read once
 * from their owner-only files and kept only as SHA-256 digests; a presented password is digested and compared with
 * {@link MessageDigest#isEqual} (constant time, and equal-length inputs hide the password length), against a dummy
 * digest for unknown sources so a wrong name costs the same as a wrong password.
 */
public final class SourceCredentials {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final byte[] UNKNOWN = sha256("\0no such source\0".getBytes(StandardCharsets.UTF_8));

    private final Map<String, byte[]> digests;

    SourceCredentials(Map<String, byte[]> digests) {
        this.digests = Map.copyOf(digests);
    }

    /** Reads every source's password file; refuses files readable by group or others. */
    public static SourceCredentials load(List<Source> sources) {
        Map<String, byte[]> digests = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            digests.put(s.name(), sha256(read("sources[" + i + "].passwordFile", s.passwordFile())));
        }
        return new SourceCredentials(digests);
    }

    /** For tests: sources and their passwords in clear. */
    public static SourceCredentials of(Map<String, String> passwords) {
        Map<String, byte[]> digests = new HashMap<>();
        passwords.forEach((k, v) -> digests.put(k, sha256(v.getBytes(StandardCharsets.UTF_8))));
        return new SourceCredentials(digests);
    }

    /** The authenticated source name, or empty for a missing, malformed or wrong credential. */
    public Optional<String> authenticate(String proxyAuthorization) {
        if (proxyAuthorization == null || proxyAuthorization.length() < 6
                || !proxyAuthorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(proxyAuthorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String source = pair.substring(0, colon);
        byte[] expected = digests.getOrDefault(source, UNKNOWN);
        byte[] presented = sha256(pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        boolean ok = MessageDigest.isEqual(expected, presented) && expected != UNKNOWN;
        return ok ? Optional.of(source) : Optional.empty();
    }

    private static byte[] read(String key, Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw new ConfigException(key, file + " must be readable by its owner only (mode 0600)");
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new ConfigException(key, file + " is empty");
            }
            return password.getBytes(StandardCharsets.UTF_8);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
