package dev.citadel.servicedefaults.edge;

import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import dev.citadel.servicedefaults.secret.FollowedSecretList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The edge ids a stamp accepts right now: the bound {@code citadel.edge.id}, then what its file lists
 * ({@link FollowedSecretList}, checked at most once per {@link #CHECK_INTERVAL}). Several ids may be listed, which is
 * how {@code citadel rotate edge-id} keeps old and new valid while the edge switches.
 */
public final class EdgeIds {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final FollowedSecretList ids;

    public EdgeIds(ServiceDefaultsProperties.Edge edge) {
        this(ServiceDefaultsProperties.isEmpty(edge.id()) ? List.of()
                : ServiceDefaultsProperties.Edge.split(edge.id().reveal()),
                edge.idCheckEnabled() ? edge.idFile() : null, System::nanoTime, CHECK_INTERVAL);
    }

    EdgeIds(List<Secret> initial, Path file, LongSupplier nanoTime, Duration interval) {
        this.ids = new FollowedSecretList("edge ids", initial, file, nanoTime, interval);
    }

    /** Whether {@code candidate} is one of the ids valid now (each compared in constant time). */
    public boolean matches(String candidate) {
        boolean match = false;
        for (Secret id : current()) {
            match |= id.matches(candidate);
        }
        return match;
    }

    /** The ids valid now. */
    List<Secret> current() {
        return ids.current();
    }
}
