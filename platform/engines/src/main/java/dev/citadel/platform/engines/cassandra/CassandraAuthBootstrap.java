package dev.citadel.platform.engines.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * First-start hardening of a fresh cluster: replicate the auth keyspace to every data centre, create
 * the admin superuser with a generated password, then disable the well-known {@code cassandra}
 * default superuser (no login, no superuser, random password).
 *
 * <p>The default role is created by Cassandra itself a moment after start (with timestamp 0, so our
 * later ALTER always wins even if a node re-runs its setup), hence the polling.
 */
public final class CassandraAuthBootstrap {

    static final String DEFAULT_ROLE = "cassandra";
    private static final Duration POLL = Duration.ofSeconds(1);

    private CassandraAuthBootstrap() {
    }

    /**
     * @param replicationPerDc replication factor per data centre for the system keyspaces (auth, distributed, traces)
     */
    public static void secure(CassandraAccess access, Map<String, Integer> replicationPerDc, Duration timeout) {
        String dc = access.dataCenters().get(0);
        Instant deadline = Instant.now().plus(timeout);
        String replication = replication(replicationPerDc);
        try (CqlSession initial = poll(deadline, () -> adminOrDefault(access, dc))) {
            for (String ks : new String[] {"system_auth", "system_distributed", "system_traces"}) {
                initial.execute("ALTER KEYSPACE " + ks + " WITH replication = " + replication);
            }
            initial.execute("CREATE ROLE IF NOT EXISTS " + access.adminUsername()
                    + " WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = '" + access.adminPassword().reveal() + "'");
        }
        // The credentials cache of the other nodes may need a moment: poll as admin.
        try (CqlSession admin = poll(deadline, () -> access.session(dc))) {
            admin.execute("ALTER ROLE " + DEFAULT_ROLE + " WITH PASSWORD = '" + Passwords.generate().reveal()
                    + "' AND SUPERUSER = false AND LOGIN = false");
        }
    }

    static String replication(Map<String, Integer> replicationPerDc) {
        return replicationPerDc.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "'" + e.getKey() + "': " + e.getValue())
                .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
    }

    /** Admin first: a bootstrap that was interrupted after creating the admin is simply finished. */
    private static CqlSession adminOrDefault(CassandraAccess access, String dc) {
        try {
            return access.session(dc);
        } catch (RuntimeException adminRefused) {
            return access.session(dc, DEFAULT_ROLE, Secret.of(DEFAULT_ROLE));
        }
    }

    private static <T> T poll(Instant deadline, Supplier<T> attempt) {
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while securing Cassandra", e);
            }
        }
        throw new IllegalStateException("could not log in to Cassandra to secure it: " + last, last);
    }
}
