package dev.citadel.cli.supervisor;

import dev.citadel.cli.ExitCode;
import dev.citadel.cli.ExitException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the state file; writes are atomic so a crash never leaves half a file behind. The engine
 * supervisor (its own process), {@code up}, {@code release} and {@code down} all change it: a change of one record
 * goes through {@link #update}, which holds an exclusive lock on {@code citadel-state.json.lock} from read to write,
 * so no writer's change is lost to another's.
 */
public final class StateStore {

    /** A state file written before restarts were recorded has no {@code restarts}: read it as 0, not an error. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

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

    /**
     * Reads the state, applies {@code change} and writes the result, all under the state's lock (between processes a
     * file lock, within this one a monitor: a JVM may not hold two locks on one file). No state file: nothing to
     * change, empty.
     */
    public Optional<RunState> update(UnaryOperator<RunState> change) {
        synchronized (monitor()) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    Optional<RunState> changed = read().map(change);
                    changed.ifPresent(this::write);
                    return changed;
                }
            } catch (IOException e) {
                throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot lock state file " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private Object monitor() {
        return MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object());
    }

    public void write(RunState state) {
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            // Its own temporary file: two writers never interleave in one.
            tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot write state file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The write failed already; that is what is reported.
            }
        }
    }

    /** With its lock file: {@code down} calls it once nothing else of the run is left to change the state. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".lock"));
        } catch (IOException e) {
            throw new ExitException(ExitCode.STATE_UNUSABLE, "cannot delete state file " + file + ": " + e.getMessage(), e);
        }
    }
}
