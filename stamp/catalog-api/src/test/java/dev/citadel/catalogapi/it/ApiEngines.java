package dev.citadel.catalogapi.it;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Prepares what one catalog-api instance needs on the real engines, as production would: the schema (migrated by an
 * admin, not by the service), a least-privilege Cassandra role (SELECT, MODIFY on the keyspace only), a topic and a
 * Kafka SCRAM user allowed only to produce to it. {@link #properties()} points the app at all of it.
 */
final class ApiEngines {

    static final String API_KEY = "it-key-1";

    final TestEngines engines = SharedEngines.get();
    final String keyspace = engines.uniqueName("catalog");
    final String topic;
    final Map<String, String> properties = new LinkedHashMap<>();

    ApiEngines(KafkaAccess kafka) {
        retrying(() -> {
            try (CqlSession admin = engines.newCqlSession("dc1")) {
                return new SchemaMigrator(admin, keyspace, Map.of("dc1", 1, "dc2", 1), Migrations.ALL,
                        Duration.ofSeconds(30)).migrate();
            }
        });
        String role = engines.uniqueName("catalog_api");
        Secret rolePassword = retrying(() -> engines.createCassandraRole(role, keyspace, "SELECT", "MODIFY"));
        topic = engines.uniqueName("catalog-events");
        kafka.createTopic(topic, 3);
        String user = engines.uniqueName("catalog-api");
        Secret userPassword = kafka.createUser(user);
        kafka.grantProduce(user, topic);

        var cassandra = engines.cassandra();
        String contactPoints = cassandra.contactPoints("dc1").stream()
                .map(a -> hostPort(a)).collect(Collectors.joining(","));
        String p = "citadel.catalog-api.";
        properties.put(p + "region", "it-region");
        properties.put(p + "server-name", "api-it-1");
        properties.put(p + "security.api-keys", API_KEY + ",it-key-2");
        properties.put(p + "cassandra.contact-points", contactPoints);
        properties.put(p + "cassandra.local-dc", "dc1");
        properties.put(p + "cassandra.keyspace", keyspace);
        properties.put(p + "cassandra.username", role);
        properties.put(p + "cassandra.password", rolePassword.reveal());
        properties.put(p + "cassandra.truststore-path", cassandra.trustStore().toString());
        properties.put(p + "cassandra.truststore-password", cassandra.trustStorePassword().reveal());
        // A loaded 2-core machine runs the engines and this JVM: keep the bound generous but finite.
        properties.put(p + "cassandra.request-timeout", "10s");
        properties.put(p + "kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put(p + "kafka.topic", topic);
        properties.put(p + "kafka.username", user);
        properties.put(p + "kafka.password", userPassword.reveal());
        properties.put(p + "kafka.truststore-path", kafka.trustStore().toString());
        properties.put(p + "kafka.truststore-password", kafka.trustStorePassword().reveal());
        properties.put(p + "images.connect-timeout", "5s");
        properties.put(p + "images.read-timeout", "10s");
        // The generous client timeouts above (and the ITs' own) must stay below the request deadline.
        properties.put(p + "limits.request-deadline", "120s");
        // The ITs call the actuator over plain HTTP: no client certificate, so no identity to authorise.
        properties.put("citadel.management.plaintext-allowed", "true");
    }

    ApiEngines() {
        this(SharedEngines.get().kafka());
    }

    /**
     * Setup statements (LWT lock, DDL, role grants) can time out while a loaded 2-core machine runs two Cassandra
     * nodes: retry them a few times, as an operator would, instead of failing the whole class.
     */
    private static <T> T retrying(Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (attempt == 5) {
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

    Map<String, String> properties() {
        return properties;
    }

    /** {@link #properties()} for an instance of the stamp whose data centre is {@code dataCenter}. */
    Map<String, String> properties(String dataCenter, String serverName) {
        Map<String, String> out = new LinkedHashMap<>(properties);
        String p = "citadel.catalog-api.";
        out.put(p + "cassandra.contact-points", engines.cassandra().contactPoints(dataCenter).stream()
                .map(ApiEngines::hostPort).collect(Collectors.joining(",")));
        out.put(p + "cassandra.local-dc", dataCenter);
        out.put(p + "server-name", serverName);
        return out;
    }

    /** Every record with {@code key} on this instance's topic, read from the beginning as the admin user. */
    List<ConsumerRecord<String, byte[]>> recordsFor(String key) {
        Properties p = engines.kafkaAdminProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
