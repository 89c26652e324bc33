package dev.citadel.edge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a stamp's edge id from its own file (at start, then whenever it changes: {@code EdgeIdFollower}). The id is a credential (a stamp admits only requests that
 * carry it), so no one but its owner may read the file (0600 or 0400) and its content never appears in a message,
 * only the key and the path. One exception, for Kubernetes: a Secret volume of a pod with {@code fsGroup} is owned by
 * root and group-readable by the pod's own group (kubelet adds the group bits whatever {@code defaultMode} says), so
 * group read is accepted when the file's group is this process's own group; write, execute and every bit for
 * others are still refused.
 */
public final class EdgeIdFile {
    private static final Set<PosixFilePermission> GROUP = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private EdgeIdFile() {
    }

    public static String read(Path file, String key) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                Set<PosixFilePermission> tooOpen = EnumSet.noneOf(PosixFilePermission.class);
                for (PosixFilePermission p : perms) {
                    if (OTHERS.contains(p) || GROUP.contains(p) && (p != PosixFilePermission.GROUP_READ || !ownGroup(file))) {
                        tooOpen.add(p);
                    }
                }
                if (!tooOpen.isEmpty()) {
                    throw new ConfigException(key, file + " must be readable by its owner only (mode 0600) but also"
                            + " grants " + tooOpen);
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

    /** Whether the file's group is this process's primary group (the pod's {@code runAsGroup} = {@code fsGroup}). */
    private static boolean ownGroup(Path file) throws IOException {
        Path self = Path.of("/proc/self"); // owned by the process's effective uid and gid (Linux)
        if (!Files.exists(self)) {
            return false;
        }
        return Files.getAttribute(file, "unix:gid").equals(Files.getAttribute(self, "unix:gid"));
    }
}
