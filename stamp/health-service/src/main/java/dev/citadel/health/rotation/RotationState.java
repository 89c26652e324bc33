package dev.citadel.health.rotation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's state switch, persisted to one file ({@code in} or {@code out}) so that it survives a restart.
 * A missing file means {@code in} (a new stamp takes traffic); an unreadable or garbled file means {@code out}:
 * the operator may have taken the stamp out, and sending traffic against their will is the worse mistake.
 * Writes go to a temporary file first and are moved into place, so a crash never leaves half a state.
 */
public final class RotationState {

    private static final Logger LOG = LoggerFactory.getLogger(RotationState.class);

    private final Path file;
    private final Clock clock;
    private volatile Rotation rotation;
    private volatile Instant changedAt;

    public RotationState(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
        this.rotation = load(this.file);
        this.changedAt = clock.instant();
    }

    public Rotation current() {
        return rotation;
    }

    /** When the state was last set (or loaded at startup). */
    public Instant changedAt() {
        return changedAt;
    }

    public Path file() {
        return file;
    }

    /** Persists, then switches: when this returns the new state is on disk. */
    public synchronized void set(Rotation next) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, next.wire() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist the rotation state to " + file, e);
        }
        if (rotation != next) {
            LOG.info("stamp rotation set to {} (persisted in {})", next.wire(), file);
        }
        rotation = next;
        changedAt = clock.instant();
    }

    static Rotation load(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Rotation.parse(text).orElseGet(() -> {
                LOG.warn("rotation state file {} holds neither 'in' nor 'out': staying out of rotation", file);
                return Rotation.OUT;
            });
        } catch (NoSuchFileException e) {
            return Rotation.IN;
        } catch (IOException e) {
            LOG.warn("cannot read rotation state file {} ({}): staying out of rotation", file, e.toString());
            return Rotation.OUT;
        }
    }
}
