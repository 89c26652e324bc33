package dev.citadel.cli.supervisor;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the state file; writes are atomic so a crash never leaves half a file behind. */
public final class StateStore {

    /** A state file written before restarts were recorded has no {@code restarts}: read it as 0, not an error. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final Path file;

    public StateStore(Path file) {
        this.file = file;
    }

    /** The state file of a run directory. */
    public static StateStore in(Path runDir) {
        return new StateStore(runDir.resolve("citadel-state.json"));
    }

    public Path file() {
        return file;
    }

    public Optional<RunState> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file), RunState.class));
        } catch (IOException | JacksonException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot read state file " + file + ": " + e.getMessage()
                    + " (if nothing of Citadel runs any more, delete it)", e);
        }
    }

    public void write(RunState state) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot write state file " + file + ": " + e.getMessage(), e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot delete state file " + file + ": " + e.getMessage(), e);
        }
    }
}
