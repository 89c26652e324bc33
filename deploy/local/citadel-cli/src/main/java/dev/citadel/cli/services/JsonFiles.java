package dev.citadel.cli.services;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import dev.citadel.platform.pki.SecureFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and atomically writes the supervisor's JSON files (plan and state): a reader never sees half a file. */
public final class JsonFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonFiles() {}

    public static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file), type));
        } catch (IOException | JacksonException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot read " + file + ": " + e.getMessage()
                    + " (if nothing of Citadel runs any more, delete it)", e);
        }
    }

    public static void write(Path file, Object value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            // The plan holds paths only, no secret values; owner-only anyway, like everything in the run directory.
            SecureFiles.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
