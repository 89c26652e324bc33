package dev.citadel.processor.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import dev.citadel.platform.pki.Secret;

/** Writes a key-per-file secrets directory the way the CLI does (dir 0700, files 0600), for configtree. */
final class SecretsDirectory {

    private SecretsDirectory() {
    }

    static Path write(Path dir, Map<String, Secret> secrets) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            for (Map.Entry<String, Secret> e : secrets.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.writeString(file, e.getValue().reveal() + "\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
