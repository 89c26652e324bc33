package dev.citadel.processor.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.mock.MockProducerFactory;

import dev.citadel.catalog.error.RetriableException;
import dev.citadel.processor.consume.ApplyFailedException;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.FailureKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DeadLetterRecovererTest {

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger settled = new AtomicInteger();
    private final DeadLetterRecoverer recoverer = recoverer(producer);

    private DeadLetterRecoverer recoverer(MockProducer<byte[], byte[]> mock) {
        return new DeadLetterRecoverer(new KafkaTemplate<>(new MockProducerFactory<>(() -> mock)),
                "catalog-events-dlq", Duration.ofSeconds(1),
                Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC),
                new ProcessorMetrics(registry, Clock.systemUTC()), settled::incrementAndGet);
    }

    private static ConsumerRecord<byte[], byte[]> record() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("catalog-events", 2, 41L, utf8("item-1"),
                utf8("{not json"));
        record.headers().add("event-type", utf8("CommentAdded"));
        record.headers().add("traceparent", utf8("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        return record;
    }

    /** As the container hands it to the error handler: the listener's exception wrapped by Spring. */
    private static Exception thrown(FailureKind kind, int attempt, RuntimeException cause) {
        return new ListenerExecutionFailedException("listener failed",
                ApplyFailedException.of(kind, new TopicPartition("catalog-events", 2), attempt, cause));
    }

    @Test
    void keepsKeyValueAndOriginalHeadersAndAddsWhereAndWhyButNoSpringHeaders() {
        recoverer.accept(record(), thrown(FailureKind.UNPARSEABLE, 1, new IllegalStateException("bad bytes")));

        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("catalog-events-dlq");
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("item-1");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        Headers headers = sent.headers();
        assertThat(text(headers, "event-type")).isEqualTo("CommentAdded");
        assertThat(text(headers, "traceparent")).startsWith("00-0af7");
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("unparseable");
        assertThat(text(headers, DeadLetterHeaders.EXCEPTION)).isEqualTo("java.lang.IllegalStateException");
        assertThat(text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("bad bytes");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("catalog-events");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(text(headers, DeadLetterHeaders.DEAD_LETTERED_AT)).isEqualTo("1700000000000");
        assertThat(text(headers, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        for (Header header : headers) {
            assertThat(header.key()).doesNotStartWith("kafka_");
        }
        assertThat(registry.get(ProcessorMetrics.DEAD_LETTERS).tag("reason", "unparseable").counter().count())
                .isEqualTo(1);
        assertThat(settled).hasValue(1);
    }

    @Test
    void aTransientFailureThatReachesTheDeadLetterTopicRanOutOfRetries() {
        recoverer.accept(record(), thrown(FailureKind.TRANSIENT, 10, new RetriableException("unavailable")));

        Headers headers = producer.history().get(0).headers();
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("retries-exhausted");
        assertThat(text(headers, DeadLetterHeaders.ATTEMPTS)).isEqualTo("10");
        assertThat(text(headers, DeadLetterHeaders.EXCEPTION)).isEqualTo(RetriableException.class.getName());
    }

    @Test
    void anExceptionNotFromTheApplierIsUnexpected() {
        recoverer.accept(record(), new ListenerExecutionFailedException("x", new NullPointerException("bug")));

        Headers headers = producer.history().get(0).headers();
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("unexpected");
        assertThat(text(headers, DeadLetterHeaders.EXCEPTION)).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void replacesTheDeadLetterHeadersOfARecordThatFailsAgainAfterAReplay() {
        ConsumerRecord<byte[], byte[]> replayed = record();
        replayed.headers().add(DeadLetterHeaders.REASON, utf8("retries-exhausted"));

        recoverer.accept(replayed, thrown(FailureKind.INVALID, 1, new RuntimeException("x")));

        Headers headers = producer.history().get(0).headers();
        assertThat(headers.headers(DeadLetterHeaders.REASON)).hasSize(1);
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("invalid");
    }

    @Test
    void truncatesLongExceptionMessages() {
        recoverer.accept(record(), thrown(FailureKind.UNEXPECTED, 1, new RuntimeException("x".repeat(5000))));

        assertThat(text(producer.history().get(0).headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .hasSize(DeadLetterHeaders.MAX_MESSAGE_CHARS);
    }

    @Test
    void throwsWhenTheTopicDoesNotAcknowledgeSoTheRecordStaysUncommittedAndUncounted() {
        MockProducer<byte[], byte[]> failing = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        failing.sendException = new KafkaException("no metadata for catalog-events-dlq");
        DeadLetterRecoverer refused = recoverer(failing);

        assertThatThrownBy(() -> refused.accept(record(), thrown(FailureKind.INVALID, 1, new RuntimeException("x"))))
                .isInstanceOf(org.springframework.kafka.KafkaException.class).hasMessageContaining("catalog-events-2@41");
        assertThat(registry.get(ProcessorMetrics.DEAD_LETTERS).tag("reason", "invalid").counter().count()).isZero();
        assertThat(settled).hasValue(0);
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
