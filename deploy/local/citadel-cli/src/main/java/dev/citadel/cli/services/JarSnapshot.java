package dev.citadel.cli.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies the built service jars into the run directory before launching them. A running JVM reads classes lazily
 * from its jar; rebuilding a module in the working tree while its service runs would otherwise make the service
 * (and every restart of it) fail with {@code NoClassDefFoundError}. Seen here when a module was rebuilt during an up.
 */
public final class JarSnapshot {

    private JarSnapshot() {}

    /** Returns the root under which the copies sit at the same relative paths as in {@code home}. */
    public static Path copy(Path home, RunLayout layout) {
        return copy(home, layout, "jars");
    }

    /** Into {@code directory} of the run directory: a release's second unit runs from its own copies. */
    public static Path copy(Path home, RunLayout layout, String directory) {
        Path root = layout.runDir().resolve(directory);
        for (ServiceKind kind : ServiceKind.values()) {
            Path source = home.resolve(kind.jar());
            if (!Files.isRegularFile(source)) {
                continue;
            }
            Path target = root.resolve(kind.jar());
            try {
                Files.createDirectories(target.getParent());
                // Milliseconds: the copy keeps the modification time only to the microsecond, so comparing the
                // exact times re-copied every jar on every up (and threw away the edge's class archive with it).
                if (Files.exists(target) && Files.size(target) == Files.size(source)
                        && Files.getLastModifiedTime(target).toMillis() == Files.getLastModifiedTime(source).toMillis()) {
                    continue;
                }
                ClassDataSharing.forget(target.getParent());
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + source + " into the run directory", e);
            }
        }
        return root;
    }
}
