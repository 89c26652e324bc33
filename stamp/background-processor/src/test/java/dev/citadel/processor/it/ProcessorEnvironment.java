package dev.citadel.processor.it;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.event.EventHeaders;
import dev.citadel.catalog.schema.AccessProfile;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.RoleGrant;
import dev.citadel.catalog.schema.RoleProvisioner;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalog.store.DriverErrors;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;

/**
 * What the processor's ITs share, on the testkit's real engines (one data tier per test JVM): the catalog schema,
 * the processor's least-privilege Cassandra role and Kafka user, and per test class a "lane" of its own topics and
 * consumer group so the classes do not see each other's records.
 */
final class ProcessorEnvironment {

    static final String KEYSPACE = "citadel_catalog";
    static final String CASSANDRA_ROLE = "background_processor";
    static final String KAFKA_USER = "background-processor";
    static final String REPLAY_USER = "dlq-replayer";
    static final String LOCAL_DC = "dc1";

    private static ProcessorEnvironment instance;

    final DataTier tier;
    final CassandraAccess cassandra;
    final KafkaAccess kafka;
    final Secret cassandraPassword = Passwords.generate();
    final Secret kafkaPassword = Passwords.generate();
    final Secret replayPassword = Passwords.generate();
    final CqlSession adminSession;
    final CatalogStore adminStore;
    private final EventCodec codec = new EventCodec();

    private ProcessorEnvironment(DataTier tier) {
        this.tier = tier;
        this.cassandra = tier.cassandra();
        this.kafka = tier.kafka(tier.spec().kafkaBrokers().get(0).name());
        this.adminSession = cassandra.session(LOCAL_DC);
        Map<String, Integer> replication = new LinkedHashMap<>();
        for (String dc : cassandra.dataCenters()) {
            replication.put(dc, 1);
        }
        // Both steps are idempotent; on this shared, slow machine a Paxos round (the migration lock) may time out.
        retryTransient(() -> new SchemaMigrator(adminSession, KEYSPACE, replication, Migrations.ALL,
                Duration.ofSeconds(20)).migrate());
        retryTransient(() -> new RoleProvisioner(adminSession, KEYSPACE, Duration.ofSeconds(20))
                .provision(List.of(new RoleGrant(CASSANDRA_ROLE, AccessProfile.PROCESSOR, cassandraPassword))));
        this.adminStore = new CatalogStore(adminSession, KEYSPACE, Duration.ofSeconds(20));
        kafka.createUser(KAFKA_USER, kafkaPassword);
        kafka.createUser(REPLAY_USER, replayPassword);
    }

    private static void retryTransient(Runnable step) {
        for (int attempt = 1; ; attempt++) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == 5 || !DriverErrors.translate("setup", e).isRetriable()) {
                    throw e;
                }
                try {
                    Thread.sleep(2000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static synchronized ProcessorEnvironment get() {
        if (instance == null) {
            instance = new ProcessorEnvironment(SharedEngines.get().tier());
        }
        return instance;
    }

    /** Topics, group and ACLs for one test class. */
    Lane lane(String name, int partitions) {
        Lane lane = new Lane("catalog-events-" + name, "catalog-events-dlq-" + name, "background-processor-" + name);
        kafka.createTopic(lane.topic(), partitions);
        kafka.createTopic(lane.deadLetterTopic(), 1);
        // Least privilege: consume the topic in its group, produce only to the dead-letter topic.
        kafka.grantConsume(KAFKA_USER, lane.topic(), lane.groupId());
        kafka.grantProduce(KAFKA_USER, lane.deadLetterTopic());
        // The operator's replay: read the dead-letter topic in its replay group, write the main topic.
        kafka.grantConsume(REPLAY_USER, lane.deadLetterTopic(), lane.groupId() + "-dlq-replay");
        kafka.grantProduce(REPLAY_USER, lane.topic());
        return lane;
    }

    record Lane(String topic, String deadLetterTopic, String groupId) {
    }

    /** The processor's configuration for a lane, as command-line properties (secrets given separately). */
    List<String> processorArguments(Lane lane, int maxPollRecords) {
        List<String> args = new ArrayList<>();
        args.add("--citadel.processor.kafka.bootstrap-servers=" + kafka.bootstrapServers());
        args.add("--citadel.processor.kafka.username=" + KAFKA_USER);
        args.add("--citadel.processor.kafka.truststore-path=" + kafka.trustStore());
        args.add("--citadel.processor.kafka.topic=" + lane.topic());
        args.add("--citadel.processor.kafka.dead-letter-topic=" + lane.deadLetterTopic());
        args.add("--citadel.processor.kafka.group-id=" + lane.groupId());
        args.add("--citadel.processor.kafka.max-poll-records=" + maxPollRecords);
        args.add("--citadel.processor.kafka.lag-interval=1s");
        // The ITs call the actuator over plain HTTP: no client certificate, so no identity to authorise.
        args.add("--citadel.management.plaintext-allowed=true");
        StringBuilder points = new StringBuilder();
        for (InetSocketAddress a : cassandra.contactPoints(LOCAL_DC)) {
            points.append(points.length() == 0 ? "" : ",").append(a.getHostString()).append(':').append(a.getPort());
        }
        args.add("--citadel.processor.cassandra.contact-points=" + points);
        args.add("--citadel.processor.cassandra.local-dc=" + LOCAL_DC);
        args.add("--citadel.processor.cassandra.username=" + CASSANDRA_ROLE);
        args.add("--citadel.processor.cassandra.truststore-path=" + cassandra.trustStore());
        args.add("--citadel.processor.cassandra.keyspace=" + KEYSPACE);
        // The shared machine is slow under a full IT run; a slow answer is not what these tests are about.
        args.add("--citadel.processor.cassandra.request-timeout=10s");
        return args;
    }

    /** Secret files as the configtree would hold them (file name = property name). */
    Map<String, Secret> secrets() {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put("kafka-password", kafkaPassword);
        secrets.put("kafka-truststore-password", kafka.trustStorePassword());
        secrets.put("cassandra-password", cassandraPassword);
        secrets.put("cassandra-truststore-password", cassandra.trustStorePassword());
        return secrets;
    }

    /** A comment event as catalog-api builds it: server-assigned ids, acceptedAt now. */
    static CommentAdded comment(UUID itemId, String text) {
        Instant now = Instant.now();
        return new CommentAdded(new Comment(UUID.randomUUID(), itemId, "it-author", text, now), now.toEpochMilli(), 0);
    }

    /** A producer as catalog-api has it (acks=all, idempotent), but with the admin user: tests write anything. */
    KafkaProducer<byte[], byte[]> producer() {
        Properties p = kafka.adminProperties();
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Produces like the API: key = item id, value = codec JSON, headers event-type/accepted-at/traceparent. */
    void produce(KafkaProducer<byte[], byte[]> producer, String topic, CatalogEvent event) {
        send(producer, record(topic, event));
    }

    ProducerRecord<byte[], byte[]> record(String topic, CatalogEvent event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, utf8(event.key()), codec.encode(event));
        String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        EventHeaders.forEvent(event, traceparent).forEach((k, v) -> record.headers().add(k, v));
        return record;
    }

    static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("produce to " + record.topic() + " failed", e);
        }
    }

    /** Rows in comments_by_id for the item (one per distinct comment id). */
    long commentRows(UUID itemId) {
        return adminSession.execute(SimpleStatement.newInstance(
                "SELECT count(*) FROM " + KEYSPACE + ".comments_by_id WHERE item_id = ?", itemId)
                .setTimeout(Duration.ofSeconds(20))).one().getLong(0);
    }

    /** {votes, total} of the item's rating summary row, or null when it has none. */
    long[] summaryRow(UUID itemId) {
        var row = adminSession.execute(SimpleStatement.newInstance(
                "SELECT votes, total FROM " + KEYSPACE + ".rating_summary_by_item WHERE item_id = ?", itemId)
                .setTimeout(Duration.ofSeconds(20))).one();
        return row == null ? null : new long[] {row.getLong("votes"), row.getLong("total")};
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
