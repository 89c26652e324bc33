package dev.citadel.platform.engines.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import dev.citadel.platform.pki.KeyStores;
import dev.citadel.platform.pki.Secret;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * How to reach the Cassandra cluster of a data tier: contact points per data centre, the admin
 * credential and the client truststore. Sessions it builds always use TLS with hostname (IP SAN)
 * verification and password authentication.
 *
 * <pre>{@code
 * try (CqlSession session = access.session("dc1")) {          // admin, local DC dc1
 *     session.execute("SELECT release_version FROM system.local");
 * }
 * }</pre>
 */
public final class CassandraAccess {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_.~-]{8,128}");

    private final Map<String, List<InetSocketAddress>> contactPoints;
    private final String adminUsername;
    private final Secret adminPassword;
    private final Path trustStore;
    private final Secret trustStorePassword;

    public CassandraAccess(Map<String, List<InetSocketAddress>> contactPoints, String adminUsername,
                           Secret adminPassword, Path trustStore, Secret trustStorePassword) {
        this.contactPoints = Map.copyOf(contactPoints);
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
    }

    public List<String> dataCenters() {
        return contactPoints.keySet().stream().sorted().toList();
    }

    public List<InetSocketAddress> contactPoints(String dataCenter) {
        List<InetSocketAddress> points = contactPoints.get(dataCenter);
        if (points == null) {
            throw new IllegalArgumentException("no data centre '" + dataCenter + "'; known: " + dataCenters());
        }
        return points;
    }

    public String adminUsername() {
        return adminUsername;
    }

    public Secret adminPassword() {
        return adminPassword;
    }

    /** PKCS12 truststore holding the tier's CA. */
    public Path trustStore() {
        return trustStore;
    }

    public Secret trustStorePassword() {
        return trustStorePassword;
    }

    public SSLContext sslContext() {
        return KeyStores.clientContext(trustStore, trustStorePassword);
    }

    /** A builder preset with contact points, local DC, TLS, credentials and generous timeouts. */
    public CqlSessionBuilder sessionBuilder(String dataCenter, String username, Secret password) {
        return CqlSession.builder()
                .addContactPoints(contactPoints(dataCenter))
                .withLocalDatacenter(dataCenter)
                .withAuthCredentials(username, password.reveal())
                .withSslEngineFactory(new ProgrammaticSslEngineFactory(sslContext(), null, true))
                .withConfigLoader(defaultConfig());
    }

    /** A new admin session in {@code dataCenter}; the caller closes it. */
    public CqlSession session(String dataCenter) {
        return sessionBuilder(dataCenter, adminUsername, adminPassword).build();
    }

    /** A new session as {@code username} in {@code dataCenter}; the caller closes it. */
    public CqlSession session(String dataCenter, String username, Secret password) {
        return sessionBuilder(dataCenter, username, password).build();
    }

    /** Creates (or resets the password of) a login role that is not a superuser and holds no permission yet. */
    public void createRole(String role, Secret password) {
        createRole(role, password, null);
    }

    /**
     * Creates (or resets the password of) a login role, not a superuser, holding exactly the listed
     * permissions (e.g. SELECT, MODIFY) on all tables of {@code keyspace}, all in one admin session.
     */
    public void createRole(String role, Secret password, String keyspace, String... permissions) {
        requireIdentifier(role);
        if (!PASSWORD.matcher(password.reveal()).matches()) {
            throw new IllegalArgumentException("password must match " + PASSWORD.pattern());
        }
        if (keyspace != null) {
            requireIdentifier(keyspace);
        }
        for (String permission : permissions) {
            requirePermission(permission);
        }
        try (CqlSession session = session(dataCenters().get(0))) {
            session.execute("CREATE ROLE IF NOT EXISTS " + role + " WITH LOGIN = true AND SUPERUSER = false AND PASSWORD = '"
                    + password.reveal() + "'");
            session.execute("ALTER ROLE " + role + " WITH PASSWORD = '" + password.reveal() + "'");
            for (String permission : permissions) {
                session.execute("GRANT " + permission + " ON KEYSPACE " + keyspace + " TO " + role);
            }
        }
    }

    /** Grants {@code permission} (e.g. SELECT, MODIFY) on all tables of {@code keyspace} to {@code role}. */
    public void grant(String permission, String keyspace, String role) {
        requireIdentifier(keyspace);
        requireIdentifier(role);
        requirePermission(permission);
        try (CqlSession session = session(dataCenters().get(0))) {
            session.execute("GRANT " + permission + " ON KEYSPACE " + keyspace + " TO " + role);
        }
    }

    private static void requirePermission(String permission) {
        if (permission == null || !permission.matches("[A-Z]+")) {
            throw new IllegalArgumentException("not a CQL permission: " + permission);
        }
    }

    static DriverConfigLoader defaultConfig() {
        // Generous: the machine is small and shared; a slow answer is not a failure here.
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .build();
    }

    private static void requireIdentifier(String id) {
        if (id == null || !IDENTIFIER.matcher(id).matches()) {
            throw new IllegalArgumentException("not a plain CQL identifier: '" + id + "'");
        }
    }

    @Override
    public String toString() {
        return "CassandraAccess" + contactPoints + " as " + adminUsername;
    }
}
