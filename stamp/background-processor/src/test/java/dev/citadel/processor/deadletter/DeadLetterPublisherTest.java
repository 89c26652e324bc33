package dev.citadel.processor.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import dev.citadel.processor.retry.DeadLetterReason;

class DeadLetterPublisherTest {

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final DeadLetterPublisher publisher = new DeadLetterPublisher(producer, "catalog-events-dlq",
            Duration.ofSeconds(1), Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));

    private static ConsumerRecord<byte[], byte[]> record() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("catalog-events", 2, 41L, utf8("item-1"),
                utf8("{not json"));
        record.headers().add("event-type", utf8("CommentAdded"));
        record.headers().add("traceparent", utf8("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        return record;
    }

    @Test
    void keepsKeyValueAndOriginalHeadersAndAddsWhereAndWhy() {
        publisher.publish(record(), DeadLetterReason.UNPARSEABLE, new IllegalStateException("bad bytes"), 1);

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
    }

    @Test
    void replacesTheDeadLetterHeadersOfARecordThatFailsAgainAfterAReplay() {
        ConsumerRecord<byte[], byte[]> replayed = record();
        replayed.headers().add(DeadLetterHeaders.REASON, utf8("retries-exhausted"));

        publisher.publish(replayed, DeadLetterReason.INVALID, new RuntimeException("x"), 1);

        Headers headers = producer.history().get(0).headers();
        assertThat(headers.headers(DeadLetterHeaders.REASON)).hasSize(1);
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("invalid");
    }

    @Test
    void truncatesLongExceptionMessages() {
        publisher.publish(record(), DeadLetterReason.UNEXPECTED, new RuntimeException("x".repeat(5000)), 1);

        assertThat(text(producer.history().get(0).headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .hasSize(DeadLetterHeaders.MAX_MESSAGE_CHARS);
    }

    @Test
    void reportsASendThatFailsAtOnceAsADeadLetterFailureSoTheRecordStaysUncommitted() {
        MockProducer<byte[], byte[]> failing = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        failing.sendException = new KafkaException("no metadata for catalog-events-dlq");
        DeadLetterPublisher publisher = new DeadLetterPublisher(failing, "catalog-events-dlq", Duration.ofSeconds(1),
                Clock.systemUTC());

        assertThatThrownBy(() -> publisher.publish(record(), DeadLetterReason.UNPARSEABLE, null, 1))
                .isInstanceOf(DeadLetterException.class).hasMessageContaining("catalog-events-2@41");
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
