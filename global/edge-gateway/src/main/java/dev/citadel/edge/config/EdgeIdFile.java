package dev.citadel.edge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a stamp's edge id from its own file at start. The id is a credential (a stamp admits only requests that
 * carry it), so the file must be readable by its owner alone (0600 or 0400) and its content never appears in a
 * message, only the key and the path.
 */
final class EdgeIdFile {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private EdgeIdFile() {
    }

    static String read(Path file, String key) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                perms.retainAll(GROUP_OR_OTHER);
                if (!perms.isEmpty()) {
                    throw new ConfigException(key, file + " must be readable by its owner only (mode 0600) but also"
                            + " grants " + perms);
                }
            }
            String id = Files.readString(file).trim();
            if (id.isEmpty() || id.contains("\n")) {
                throw new ConfigException(key, file + " must hold exactly one non-empty line");
            }
            return id;
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
