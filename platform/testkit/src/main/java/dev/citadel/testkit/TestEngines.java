package dev.citadel.testkit;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engines of one test JVM, shared by every integration test in it (obtain it with
 * {@link SharedEngines#get()} or a parameter of a test using {@link EnginesExtension}).
 * Everything runs with TLS and authentication, as in production. Tests must not stop the shared
 * engines; to test a failure, start a dedicated engine (see {@link #tier()}).
 *
 * <pre>{@code
 * TestEngines engines = SharedEngines.get();
 * String ks = engines.uniqueName("catalog");                       // e.g. catalog_3
 * try (CqlSession admin = engines.newCqlSession("dc1")) {
 *     admin.execute("CREATE KEYSPACE " + ks + " WITH replication = "
 *             + "{'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 1}");
 *     admin.execute("CREATE TABLE " + ks + ".items (id uuid PRIMARY KEY, name text)");
 *     engines.awaitSchemaAgreement(admin);                          // before using it from dc2
 * }
 * Secret pw = engines.createCassandraRole("catalog_api", ks, "SELECT", "MODIFY");
 * try (CqlSession app = engines.newCqlSession("dc2", "catalog_api", pw)) { ... }
 *
 * String topic = engines.uniqueName("catalog-events");
 * engines.createTopic(topic, 3);
 * Secret kpw = engines.createKafkaUser("catalog-api");
 * engines.grantProduce("catalog-api", topic);
 * Properties props = engines.kafkaClientProperties("catalog-api", kpw);   // add serializers
 * }</pre>
 */
public final class TestEngines {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final DataTier tier;
    private final String brokerName;

    TestEngines(DataTier tier, String brokerName) {
        this.tier = tier;
        this.brokerName = brokerName;
    }

    /** The running tier: spec, processes, single-engine stop/start. Do not stop the shared engines. */
    public DataTier tier() {
        return tier;
    }

    /** {@code dc1}, {@code dc2}: one Cassandra node each. */
    public List<String> dataCenters() {
        return tier.cassandra().dataCenters();
    }

    public CassandraAccess cassandra() {
        return tier.cassandra();
    }

    /** A new admin (superuser) session with {@code dataCenter} as local DC; the caller closes it. */
    public CqlSession newCqlSession(String dataCenter) {
        return cassandra().session(dataCenter);
    }

    /** A new session as a role created with {@link #createCassandraRole}; the caller closes it. */
    public CqlSession newCqlSession(String dataCenter, String role, Secret password) {
        return cassandra().session(dataCenter, role, password);
    }

    /**
     * Waits (up to 2 minutes) until every node has the same schema version. Call it after DDL when the
     * next statement needs the new table in the other data centre: on a busy machine the driver's own
     * wait after DDL can give up before schema gossip has reached every node.
     */
    public void awaitSchemaAgreement(CqlSession session) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!session.checkSchemaAgreement()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no schema agreement after 2 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Creates a least-privilege login role holding only {@code permissions} (e.g. SELECT, MODIFY) on
     * {@code keyspace}, with a generated password, which it returns.
     */
    public Secret createCassandraRole(String role, String keyspace, String... permissions) {
        Secret password = Passwords.generate();
        cassandra().createRole(role, password, keyspace, permissions);
        return password;
    }

    /** The shared broker. */
    public KafkaAccess kafka() {
        return tier.kafka(brokerName);
    }

    public String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** Admin client properties (SASL_SSL, SCRAM-SHA-512, truststore). */
    public Properties kafkaAdminProperties() {
        return kafka().adminProperties();
    }

    /** Client properties for a user created with {@link #createKafkaUser}; add serializers, group id etc. */
    public Properties kafkaClientProperties(String user, Secret password) {
        return kafka().clientProperties(user, password);
    }

    /** A SCRAM user with a generated password (returned) and no ACL yet. */
    public Secret createKafkaUser(String user) {
        return kafka().createUser(user);
    }

    public void createTopic(String topic, int partitions) {
        kafka().createTopic(topic, partitions);
    }

    public void grantProduce(String user, String topic) {
        kafka().grantProduce(user, topic);
    }

    public void grantConsume(String user, String topic, String group) {
        kafka().grantConsume(user, topic, group);
    }

    /**
     * A name unique within this JVM, valid as a CQL identifier and a Kafka name ({@code -} becomes
     * {@code _}): tests share the engines, so their keyspaces, topics and users must not clash.
     */
    public String uniqueName(String prefix) {
        return prefix.replace('-', '_') + "_" + SEQUENCE.incrementAndGet();
    }
}
