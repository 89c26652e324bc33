package dev.citadel.servicedefaults.edge;

import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
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
 * The edge ids a stamp accepts right now. They start as the bound {@code citadel.edge.id} and follow its file: at
 * most once per {@link #CHECK_INTERVAL} a request looks at the file's modification time, size and identity (an atomic
 * replace gives a new inode even within the same clock tick) and re-reads it when one changed. Several ids may be
 * listed, which is how {@code citadel rotate edge-id} keeps old and new valid while the edge switches. A file that is
 * missing, unreadable or empty keeps the previous ids, so a mistaken write never locks the edge out. Ids are never
 * logged, only their count.
 */
public final class EdgeIds {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(EdgeIds.class);

    private record Seen(Object fileKey, long modified, long size) {}

    private final Path file;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile List<Secret> ids;
    private volatile long checkedAt;
    private volatile Seen seen;

    public EdgeIds(ServiceDefaultsProperties.Edge edge) {
        this(ServiceDefaultsProperties.isEmpty(edge.id()) ? List.of()
                : ServiceDefaultsProperties.Edge.split(edge.id().reveal()),
                edge.idCheckEnabled() ? edge.idFile() : null, System::nanoTime, CHECK_INTERVAL);
    }

    EdgeIds(List<Secret> initial, Path file, LongSupplier nanoTime, Duration interval) {
        this.ids = List.copyOf(initial);
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

    /** Whether {@code candidate} is one of the ids valid now (each compared in constant time). */
    public boolean matches(String candidate) {
        boolean match = false;
        for (Secret id : current()) {
            match |= id.matches(candidate);
        }
        return match;
    }

    /** The ids valid now; re-checks the file when the interval has passed (one caller checks, the rest go on). */
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
        return ids;
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
            read = ServiceDefaultsProperties.Edge.split(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("Cannot read the edge id file {} ({}); the previous {} id(s) stay valid", file,
                    e.getClass().getSimpleName(), ids.size());
            return;
        }
        if (read.isEmpty()) {
            log.warn("The edge id file {} is empty; the previous {} id(s) stay valid", file, ids.size());
            return;
        }
        seen = now;
        if (!read.equals(ids)) {
            ids = read;
            log.info("Edge ids reloaded from {}: {} id(s) valid", file, read.size());
        }
    }
}
