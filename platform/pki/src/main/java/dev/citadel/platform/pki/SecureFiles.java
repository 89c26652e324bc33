package dev.citadel.platform.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold secrets: owner-only permissions from the first byte (the temp file is
 * created 0600 before anything is written) and an atomic rename, so a reader never sees half a key.
 */
public final class SecureFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {
    }

    /** Creates the directory (and parents) and sets it to 0700. */
    public static Path ownerOnlyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create private directory " + dir, e);
        }
    }

    /** Writes the bytes atomically to a file with mode 0600. */
    public static void write(Path file, byte[] content) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.write(tmp, content);
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

    public static void write(Path file, String content) {
        write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
