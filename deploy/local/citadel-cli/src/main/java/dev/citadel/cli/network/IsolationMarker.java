package dev.citadel.cli.network;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The run directory's note that this run is isolated, and under which namespace prefix. Written before the first
 * namespace is created, so even an {@code up} that crashed half-way tells {@code down} what to remove.
 */
public final class IsolationMarker {

    public static final String FILE = "isolated-network";

    private IsolationMarker() {}

    public static void write(Path runDir, String prefix) {
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve(FILE), prefix + "\n");
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot write " + runDir.resolve(FILE) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The namespace prefix of an isolated run in {@code runDir}, if it is one. */
    public static Optional<String> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(FILE));
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot delete " + runDir.resolve(FILE) + ": "
                    + e.getMessage(), e);
        }
    }
}
