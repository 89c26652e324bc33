package dev.citadel.platform.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own engine password that follows its secret file, read again at every new authentication (new
 * connections are rare, the file is a few bytes), so a rotation reaches the next connection without a restart and
 * with no polling delay. The file lists one password, or during a rotation two or more (whitespace- or
 * comma-separated): the first is the one to use, the others are still accepted by some node for a moment.
 *
 * <p>Cassandra and SCRAM keep one password per account, and a node's credentials cache may accept the old one for a
 * while after the change: {@link #begin(Object)} therefore remembers, per target (a node), the password that last
 * worked and prefers it while the file still lists it; when the previous attempt on a target did not succeed it takes
 * the next listed one, so a refused connection is followed by one with the other password. A file that is missing,
 * unreadable or empty keeps the previous values, so a mistaken write never locks the service out. Values are never
 * logged.
 */
public final class FollowedPassword {

    private static final Logger log = LoggerFactory.getLogger(FollowedPassword.class);

    /** One authentication in progress: the password chosen for it; call {@link #succeeded()} when it was taken. */
    public final class Attempt {
        private final Object target;
        private final Secret password;
        private volatile boolean succeeded;

        private Attempt(Object target, Secret password) {
            this.target = target;
            this.password = password;
        }

        public Secret password() {
            return password;
        }

        public void succeeded() {
            succeeded = true;
            preferred.put(target, password);
        }
    }

    private final Path file;
    private final Map<Object, Secret> preferred = new ConcurrentHashMap<>();
    private final Map<Object, Attempt> last = new ConcurrentHashMap<>();
    private volatile List<Secret> values;
    /** Said once per spell, not at every connection. */
    private volatile boolean warned;

    /**
     * @param initial the bound value, used while the file is missing or empty
     * @param file    the file to follow; null keeps {@code initial}
     */
    public FollowedPassword(Secret initial, Path file) {
        this.values = initial == null || initial.reveal().isBlank() ? List.of() : List.of(initial);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The passwords listed now, the one to use first; reads the file. */
    public List<Secret> current() {
        if (file == null) {
            return values;
        }
        List<Secret> read;
        try {
            read = Secret.listOf(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                log.warn("Cannot read the password file {} ({}); the previous password stays in use", file,
                        e.getClass().getSimpleName());
            }
            return values;
        }
        if (read.isEmpty()) {
            if (!warned) {
                warned = true;
                log.warn("The password file {} is empty; the previous password stays in use", file);
            }
            return values;
        }
        warned = false;
        values = read;
        return read;
    }

    /** The password to use now for a new authentication (the first listed). */
    public Secret first() {
        List<Secret> now = current();
        if (now.isEmpty()) {
            throw new IllegalStateException("no password configured" + (file == null ? "" : " (file " + file + ")"));
        }
        return now.get(0);
    }

    /**
     * Starts an authentication against {@code target}: the password that last worked there while still listed;
     * after an attempt that did not succeed, the next listed one; else the first.
     */
    public Attempt begin(Object target) {
        List<Secret> now = current();
        if (now.isEmpty()) {
            throw new IllegalStateException("no password configured" + (file == null ? "" : " (file " + file + ")"));
        }
        Attempt previous = last.get(target);
        Secret choice;
        if (previous != null && !previous.succeeded && now.size() > 1) {
            int at = now.indexOf(previous.password);
            choice = now.get(at < 0 ? 0 : (at + 1) % now.size());
        } else {
            Secret good = preferred.get(target);
            choice = good != null && now.contains(good) ? good : now.get(0);
        }
        Attempt attempt = new Attempt(target, choice);
        last.put(target, attempt);
        return attempt;
    }

    @Override
    public String toString() {
        return "FollowedPassword[" + (file == null ? "bound value" : file) + "]";
    }
}
