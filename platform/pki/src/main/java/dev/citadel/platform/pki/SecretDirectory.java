package dev.citadel.platform.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A key-per-file secret directory (the layout Spring Boot's {@code configtree:} and Kubernetes
 * secret volumes use): the directory is 0700, each file 0600, its name the key, its content the
 * value without a trailing newline. Files are written atomically.
 */
public final class SecretDirectory {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;

    private SecretDirectory(Path dir) {
        this.dir = dir;
    }

    /** Opens the directory, creating it (0700) when missing. */
    public static SecretDirectory open(Path dir) {
        return new SecretDirectory(SecureFiles.ownerOnlyDirectory(dir.toAbsolutePath()));
    }

    public Path directory() {
        return dir;
    }

    public Path path(String key) {
        return dir.resolve(checkKey(key));
    }

    public void write(String key, Secret value) {
        SecureFiles.write(path(key), value.reveal());
    }

    public Optional<Secret> read(String key) {
        Path file = path(key);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret " + key, e);
        }
    }

    /** Reads the secret, or creates and stores it with the generator on first use. */
    public Secret getOrCreate(String key, Supplier<Secret> generator) {
        return read(key).orElseGet(() -> {
            Secret created = generator.get();
            write(key, created);
            return created;
        });
    }

    /** Reads the secret, or stores a new random password on first use. */
    public Secret getOrGeneratePassword(String key) {
        return getOrCreate(key, Passwords::generate);
    }

    public boolean contains(String key) {
        return Files.exists(path(key));
    }

    private static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("secret key must match " + KEY + " but was '" + key + "'");
        }
        return key;
    }

    @Override
    public String toString() {
        return "SecretDirectory[" + dir + "]";
    }
}
