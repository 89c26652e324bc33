package dev.citadel.servicedefaults.secret;

import dev.citadel.platform.pki.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list of secrets (comma- or whitespace-separated) that starts as a bound value and follows its file, so a rotation
 * can list old and new values and later drop the old one without a restart: at most once per interval a caller looks
 * at the file's modification time, size and identity (an atomic replace gives a new inode even within the same clock
 * tick) and re-reads it when one changed; one caller checks, the others go on with the current list. A file that is
 * missing, unreadable or empty keeps the previous values, so a mistaken write never locks every client out. Values
 * are never logged, only their count.
 */
public final class FollowedSecretList {

    private static final Logger log = LoggerFactory.getLogger(FollowedSecretList.class);

    private record Seen(Object fileKey, long modified, long size) {}

    private final String what;
    private final Path file;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile List<Secret> values;
    private volatile long checkedAt;
    private volatile Seen seen;

    /**
     * @param what     what the values are, for the log ("API keys", "edge ids")
     * @param file     the file to follow; null keeps {@code initial} for good
     */
    public FollowedSecretList(String what, List<Secret> initial, Path file, LongSupplier nanoTime, Duration interval) {
        this.what = what;
        this.values = List.copyOf(initial);
        this.file = file;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        if (file != null) {
            this.checkedAt = nanoTime.getAsLong();
            Seen first = stat();
            if (first != null) {
                reload(first);
            }
        }
    }

    /** The values valid now; re-checks the file when the interval has passed. */
    public List<Secret> current() {
        if (file != null && nanoTime.getAsLong() - checkedAt >= intervalNanos && checking.compareAndSet(false, true)) {
            try {
                checkedAt = nanoTime.getAsLong();
                Seen now = stat();
                if (now != null && !now.equals(seen)) {
                    reload(now);
                }
            } finally {
                checking.set(false);
            }
        }
        return values;
    }

    private Seen stat() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Seen(Objects.requireNonNullElse(a.fileKey(), ""), a.lastModifiedTime().toMillis(), a.size());
        } catch (IOException e) {
            return null;
        }
    }

    private void reload(Seen now) {
        List<Secret> read;
        try {
            read = Secret.listOf(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The exception's class names what went wrong, never the file's content.
            log.warn("Cannot read the {} file {} ({}); the previous {} value(s) stay valid", what, file,
                    e.getClass().getSimpleName(), values.size());
            return;
        }
        if (read.isEmpty()) {
            log.warn("The {} file {} is empty; the previous {} value(s) stay valid", what, file, values.size());
            return;
        }
        seen = now;
        if (!read.equals(values)) {
            values = read;
            log.info("{} reloaded from {}: {} value(s) valid", what, file, read.size());
        }
    }
}
