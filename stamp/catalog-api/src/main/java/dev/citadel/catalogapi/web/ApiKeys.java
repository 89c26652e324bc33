package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
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
 * The API keys valid right now. They start as the bound {@code api-keys} value and follow the {@code api-keys} file:
 * at most once per {@link #CHECK_INTERVAL} a request looks at the file's modification time, size and identity (an
 * atomic replace gives a new inode even within the same clock tick) and re-reads it when one changed. A file that is
 * missing, unreadable or empty keeps the previous keys: a rotation that writes the file non-atomically, or an operator
 * who removes it by mistake, never locks every client out. Keys are never logged, only their count.
 */
final class ApiKeys {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private record Seen(Object fileKey, long modified, long size) {}

    private final Path file;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile List<Secret> keys;
    private volatile long checkedAt;
    private volatile Seen seen;

    ApiKeys(CatalogApiProperties.Security security) {
        this(security.validApiKeys(), security.apiKeysFile(), System::nanoTime, CHECK_INTERVAL);
    }

    ApiKeys(List<Secret> initial, Path file, LongSupplier nanoTime, Duration interval) {
        this.keys = List.copyOf(initial);
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

    /** The keys valid now; re-checks the file when the interval has passed (one caller checks, the rest go on). */
    List<Secret> current() {
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
        return keys;
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
            read = CatalogApiProperties.Security.split(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The exception names the file, never its content.
            log.warn("Cannot read the API keys file {} ({}); the previous {} key(s) stay valid", file,
                    e.getClass().getSimpleName(), keys.size());
            return;
        }
        if (read.isEmpty()) {
            log.warn("The API keys file {} is empty; the previous {} key(s) stay valid", file, keys.size());
            return;
        }
        seen = now;
        if (!read.equals(keys)) {
            keys = read;
            log.info("API keys reloaded from {}: {} key(s) valid", file, read.size());
        }
    }
}
