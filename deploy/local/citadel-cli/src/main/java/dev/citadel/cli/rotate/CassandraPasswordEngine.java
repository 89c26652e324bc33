package dev.citadel.cli.rotate;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.pki.Secret;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A service's Cassandra role: the password changes through the admin session ({@code ALTER ROLE}, cluster-wide), and
 * is tried by a fresh login at a node of every data centre, since each node caches credentials on its own.
 */
public final class CassandraPasswordEngine implements PasswordEngine {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_.~-]{8,128}");

    private final CassandraAccess access;
    private final CqlSession admin;
    private final String role;

    /** @param admin an admin session the caller closes */
    public CassandraPasswordEngine(CassandraAccess access, CqlSession admin, String role) {
        if (!IDENTIFIER.matcher(role).matches()) {
            throw new IllegalArgumentException("not a plain CQL identifier: '" + role + "'");
        }
        this.access = access;
        this.admin = admin;
        this.role = role;
    }

    @Override
    public String describe() {
        return "Cassandra role " + role;
    }

    @Override
    public void change(Secret password) {
        // Spliced, not bound: CQL takes no bind marker for a password. The pattern admits no quote.
        if (!PASSWORD.matcher(password.reveal()).matches()) {
            throw new IllegalArgumentException("password must match " + PASSWORD.pattern());
        }
        admin.execute("ALTER ROLE " + role + " WITH PASSWORD = '" + password.reveal() + "'");
    }

    @Override
    public KeyProbe.Verdict check(Secret password) {
        int accepted = 0;
        int refused = 0;
        for (String dc : access.dataCenters()) {
            switch (login(dc, password)) {
                case ACCEPTED -> accepted++;
                case REFUSED -> refused++;
                default -> { }
            }
        }
        int all = access.dataCenters().size();
        return accepted == all ? KeyProbe.Verdict.ACCEPTED
                : refused == all ? KeyProbe.Verdict.REFUSED : KeyProbe.Verdict.UNKNOWN;
    }

    private KeyProbe.Verdict login(String dc, Secret password) {
        // One connection, no schema or token metadata: only the login is in question.
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
                .withInt(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_MAX_NODES_PER_REMOTE_DC, 0)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .build();
        try (CqlSession session = CqlSession.builder()
                .addContactPoints(access.contactPoints(dc))
                .withLocalDatacenter(dc)
                .withAuthCredentials(role, password.reveal())
                .withSslEngineFactory(new ProgrammaticSslEngineFactory(access.sslContext(), null, true))
                .withConfigLoader(config)
                .build()) {
            session.execute("SELECT release_version FROM system.local");
            return KeyProbe.Verdict.ACCEPTED;
        } catch (AllNodesFailedException e) {
            boolean authentication = e.getAllErrors().values().stream().flatMap(java.util.List::stream)
                    .anyMatch(t -> t instanceof AuthenticationException);
            return authentication ? KeyProbe.Verdict.REFUSED : KeyProbe.Verdict.UNKNOWN;
        } catch (AuthenticationException e) {
            return KeyProbe.Verdict.REFUSED;
        } catch (RuntimeException e) {
            return KeyProbe.Verdict.UNKNOWN;
        }
    }
}
