package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.catalog.store.CatalogSessionFactory;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import dev.citadel.servicedefaults.ServiceDefaultsProperties;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate service-passwords} against the real two-DC Cassandra and the real broker, with the services' own
 * client code (catalog-core's session factory, service-defaults' Kafka connection) following their password files:
 * clients connected before keep working through the rotation, a new connection afterwards takes the new password
 * from the file, and the old password is refused everywhere.
 */
class ServicePasswordRotationIT {

    private static final TestEngines ENGINES = SharedEngines.get();

    @TempDir
    Path dir;

    /** This module's other ITs start data tiers of their own: this one's engines must not run beside them. */
    @AfterAll
    static void stopEngines() {
        ENGINES.tier().stop();
    }

    @Test
    void rotatesBothEnginesWhileConnectedClientsKeepWorking() throws Exception {
        CassandraAccess cassandra = ENGINES.cassandra();
        String role = ENGINES.uniqueName("rotated_role");
        Secret oldCassandra = ENGINES.createCassandraRole(role, null);
        String user = ENGINES.uniqueName("rotated-user");
        Secret oldKafka = ENGINES.createKafkaUser(user);
        String topic = ENGINES.uniqueName("rotated-topic");
        ENGINES.createTopic(topic, 1);
        ENGINES.grantProduce(user, topic);
        SecretDirectory service = SecretDirectory.open(dir.resolve("service"));
        service.write("cassandra-password", oldCassandra);
        service.write("kafka-password", oldKafka);

        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        String dc2 = cassandra.dataCenters().get(cassandra.dataCenters().size() - 1);
        try (CqlSession session = CatalogSessionFactory.create(settings(cassandra, dc2, role, oldCassandra)
                        .withPasswordFile(service.path("cassandra-password")));
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(user, oldKafka,
                        service.path("kafka-password")));
                CqlSession admin = cassandra.session(cassandra.dataCenters().get(0))) {
            Thread load = new Thread(() -> {
                while (running.get()) {
                    try {
                        session.execute("SELECT release_version FROM system.local");
                        producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS);
                        requests.addAndGet(2);
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "load");
            load.start();
            Thread.sleep(500);

            StringWriter output = new StringWriter();
            CassandraPasswordEngine cassandraEngine = new CassandraPasswordEngine(cassandra, admin, role);
            KafkaPasswordEngine kafkaEngine = new KafkaPasswordEngine(ENGINES.kafka(), user);
            long started = System.nanoTime();
            new ServicePasswordRotation(SecretDirectory.open(dir.resolve("tier")), List.of(
                    new ServicePasswordRotation.Account("cassandra-" + role, service.path("cassandra-password"),
                            cassandraEngine),
                    new ServicePasswordRotation.Account("kafka-" + user, service.path("kafka-password"), kafkaEngine)),
                    ServicePasswordRotation.FOLLOW_TIMEOUT, new PrintWriter(output)).run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Thread.sleep(500);
            running.set(false);
            load.join(15_000);
            System.out.printf("service-passwords rotation: %d ms, %d of %d requests failed%n%s", took.toMillis(),
                    failures.size(), requests.get() + failures.size(), output);

            assertThat(failures).as("requests on connections opened before the rotation").isEmpty();
            assertThat(requests.get()).isGreaterThan(10);
            Secret newCassandra = service.read("cassandra-password").orElseThrow();
            Secret newKafka = service.read("kafka-password").orElseThrow();
            assertThat(newCassandra).isNotEqualTo(oldCassandra);
            assertThat(newKafka).isNotEqualTo(oldKafka);

            // A new connection made the way the services make it reads the new password from the file.
            for (String dc : cassandra.dataCenters()) {
                try (CqlSession fresh = CatalogSessionFactory.create(settings(cassandra, dc, role, oldCassandra)
                        .withPasswordFile(service.path("cassandra-password")))) {
                    assertThat(fresh.execute("SELECT release_version FROM system.local").one()).isNotNull();
                }
                assertThatThrownBy(() -> CatalogSessionFactory.create(settings(cassandra, dc, role, oldCassandra)).close())
                        .as("the old password at " + dc);
            }
            // A file that still offers the refused password first (as in the instant of a switch): a new session
            // is refused once and connects with the next listed password.
            service.write("cassandra-password", Secret.of(oldCassandra.reveal() + "," + newCassandra.reveal()));
            try (CqlSession fresh = CatalogSessionFactory.create(settings(cassandra, dc2, role, oldCassandra)
                    .withPasswordFile(service.path("cassandra-password")))) {
                assertThat(fresh.execute("SELECT release_version FROM system.local").one()).isNotNull();
            }
            service.write("cassandra-password", newCassandra);
            assertThat(cassandraEngine.check(oldCassandra)).isEqualTo(KeyProbe.Verdict.REFUSED);
            assertThat(cassandraEngine.check(newCassandra)).isEqualTo(KeyProbe.Verdict.ACCEPTED);
            try (KafkaProducer<String, String> fresh = new KafkaProducer<>(producerProperties(user, oldKafka,
                    service.path("kafka-password")))) {
                assertThat(fresh.send(new ProducerRecord<>(topic, "k", "after")).get(20, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(kafkaEngine.check(oldKafka)).isEqualTo(KeyProbe.Verdict.REFUSED);
            assertThat(kafkaEngine.check(newKafka)).isEqualTo(KeyProbe.Verdict.ACCEPTED);
            // Connections opened with the old password still work afterwards.
            session.execute("SELECT release_version FROM system.local");
            producer.send(new ProducerRecord<>(topic, "k", "still")).get(10, TimeUnit.SECONDS);
        }
    }

    private static CassandraSettings settings(CassandraAccess access, String dc, String role, Secret password) {
        List<String> points = new ArrayList<>();
        access.contactPoints(dc).forEach(a -> points.add(a.getHostString() + ":" + a.getPort()));
        return new CassandraSettings(points, dc, role, password, access.trustStore(), access.trustStorePassword(),
                null, true, Duration.ofSeconds(20), CassandraSettings.DEFAULT_KEYSPACE);
    }

    private static Properties producerProperties(String user, Secret bound, Path passwordFile) {
        var kafka = ENGINES.kafka();
        Properties p = new KafkaConnection(new ServiceDefaultsProperties.Kafka(kafka.bootstrapServers(), user, bound,
                kafka.trustStore().toString(), "PKCS12", kafka.trustStorePassword(), passwordFile.toString()))
                .clientProperties("rotation-it");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }
}
