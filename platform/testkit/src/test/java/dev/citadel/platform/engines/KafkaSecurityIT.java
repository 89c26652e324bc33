package dev.citadel.platform.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaSecurityIT {

    private static TestEngines engines;

    @BeforeAll
    static void engines() {
        engines = SharedEngines.get();
    }

    @Test
    void userWithWriteAndReadAclsProducesAndConsumes() throws Exception {
        String topic = engines.uniqueName("orders");
        String group = engines.uniqueName("order-readers");
        engines.createTopic(topic, 2);
        Secret writerPw = engines.createKafkaUser("writer-" + topic);
        Secret readerPw = engines.createKafkaUser("reader-" + topic);
        engines.grantProduce("writer-" + topic, topic);
        engines.grantConsume("reader-" + topic, topic, group);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps("writer-" + topic, writerPw))) {
            producer.send(new ProducerRecord<>(topic, "k1", "hello")).get(60, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps("reader-" + topic, readerPw, group))) {
            consumer.subscribe(List.of(topic));
            List<String> values = pollValues(consumer, 1, Duration.ofSeconds(90));
            assertThat(values).containsExactly("hello");
        }
    }

    @Test
    void userWithoutAclIsRefused() throws Exception {
        String topic = engines.uniqueName("private");
        engines.createTopic(topic, 1);
        Secret pw = engines.createKafkaUser("nobody-" + topic);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps("nobody-" + topic, pw))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        Properties props = engines.kafkaClientProperties(engines.kafka().adminUsername(), Secret.of("not-the-password"));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);

        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void plaintextConnectionIsRefused() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrapServers());
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);

        try (Admin admin = Admin.create(props)) {
            // The broker speaks TLS only: a plaintext client never gets an answer it can parse.
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static Properties producerProps(String user, Secret pw) {
        Properties p = engines.kafkaClientProperties(user, pw);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60000);
        return p;
    }

    private static Properties consumerProps(String user, Secret pw, String group) {
        Properties p = engines.kafkaClientProperties(user, pw);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int expected, Duration timeout) {
        List<String> values = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (values.size() < expected && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                values.add(r.value());
            }
        }
        return values;
    }
}
