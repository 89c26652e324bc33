package dev.citadel.servicedefaults.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.FollowedTrustManager;
import dev.citadel.platform.pki.KeyStores;
import dev.citadel.platform.pki.Pem;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that follow their trust file, against the real broker and the real Cassandra of the testkit's data tier:
 * each starts trusting only a CA that did not issue the engine's certificate, so it cannot connect; the file then
 * gets the engines' CA, and the same client — no restart, no new client object — connects. This is what lets the
 * installation CA's rotation add a new CA to the clients' trust before any engine presents a certificate of it.
 */
class FollowedTrustIT {

    private static final TestEngines ENGINES = SharedEngines.get();

    @TempDir
    Path dir;

    @AfterAll
    static void stopEngines() {
        ENGINES.tier().stop();
    }

    @Test
    void aKafkaProducerTakesTheCaItsTrustFileListsAtItsNextConnection() throws Exception {
        String user = ENGINES.uniqueName("followed-trust");
        Secret password = ENGINES.createKafkaUser(user);
        String topic = ENGINES.uniqueName("followed-trust-topic");
        ENGINES.createTopic(topic, 1);
        ENGINES.grantProduce(user, topic);
        Path trust = dir.resolve("kafka-ca.crt");
        write(trust, Pem.certificate(otherCa().certificate()), 1);

        Properties p = ENGINES.kafkaClientProperties(user, password);
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trust.toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        p.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        p.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, FollowedTrustSslEngineFactory.class);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // The refused start is staged here; an idempotent producer whose first producer-id request failed does not
        // recover the same way within the test's minute, and idempotence is not what this test is about.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "before")).get(20, TimeUnit.SECONDS))
                    .as("the broker's certificate is not trusted yet").isNotNull();

            write(trust, Pem.certificate(otherCa().certificate()) + Pem.certificate(enginesCa()), 2);

            RecordMetadata sent = sendWithinAMinute(producer, topic);
            assertThat(sent.topic()).isEqualTo(topic);
        }
    }

    @Test
    void aCassandraSessionTakesTheCaItsTrustFileListsAtItsNextConnection() throws Exception {
        CassandraAccess cassandra = ENGINES.cassandra();
        String dc = cassandra.dataCenters().get(0);
        Path trust = dir.resolve("cassandra-ca.crt");
        write(trust, Pem.certificate(otherCa().certificate()), 1);
        FollowedTrustManager followed = FollowedTrustManager.pem(trust);
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, true)
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .build();
        CompletionStage<CqlSession> connecting = CqlSession.builder()
                .addContactPoints(cassandra.contactPoints(dc))
                .withLocalDatacenter(dc)
                .withAuthCredentials(cassandra.adminUsername(), cassandra.adminPassword().reveal())
                .withSslEngineFactory(new ProgrammaticSslEngineFactory(followed.clientContext(), null, true))
                .withConfigLoader(config)
                .buildAsync();
        Thread.sleep(5000);
        assertThat(connecting.toCompletableFuture().isDone()).as("connected while trusting only another CA").isFalse();

        write(trust, Pem.certificate(otherCa().certificate()) + Pem.certificate(enginesCa()), 2);

        try (CqlSession session = connecting.toCompletableFuture().get(60, TimeUnit.SECONDS)) {
            assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
        }
    }

    private RecordMetadata sendWithinAMinute(KafkaProducer<String, String> producer, String topic)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                return producer.send(new ProducerRecord<>(topic, "k", "after")).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // An authentication failure is reported to the sends of its moment; the client connects again.
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    private CertificateAuthority otherCa() {
        return CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), "a CA no engine uses");
    }

    /** The CA of the engines' certificates, from the data tier's client truststore. */
    private static java.security.cert.X509Certificate enginesCa() {
        CassandraAccess cassandra = ENGINES.cassandra();
        return KeyStores.firstCertificate(KeyStores.load(cassandra.trustStore(), cassandra.trustStorePassword()));
    }

    /** The modification time moved on explicitly: two writes within one clock tick would look unchanged. */
    private static void write(Path file, String content, int generation) throws Exception {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(generation * 10L)));
    }
}
