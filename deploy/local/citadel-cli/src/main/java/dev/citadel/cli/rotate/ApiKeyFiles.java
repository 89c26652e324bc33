package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stamp's {@code api-keys} file, as catalog-api reads it (keys separated by commas or whitespace). Written atomically
 * (temp file beside it, then a move) so a reader sees the old content or the new, never half; mode 0600 and the owner
 * of the directory it is in, so a service running as its own account can still read it after root replaced it.
 */
public final class ApiKeyFiles {

    private ApiKeyFiles() {}

    /** The keys in the file, in order; empty when it is missing or blank. */
    public static List<Secret> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Secret.listOf(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void write(Path file, List<Secret> keys) {
        Set<String> distinct = new LinkedHashSet<>();
        keys.forEach(k -> distinct.add(k.reveal()));
        Path dir = file.toAbsolutePath().getParent();
        try {
            UserPrincipal owner = Files.getOwner(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(SecureFiles.OWNER_ONLY_FILE));
            try {
                Files.writeString(tmp, String.join(",", distinct), StandardCharsets.UTF_8);
                if (!Files.getOwner(tmp).equals(owner)) {
                    Files.setOwner(tmp, owner);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
