package dev.citadel.processor.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.citadel.processor.retry.DeadLetterReason;

/**
 * Sends a record to the dead-letter topic and waits for the broker's acknowledgement. The producer must be
 * configured with {@code acks=all} and idempotence: the caller commits the record's offset only after this method
 * returns, so a record is never both uncommitted-and-lost nor dropped.
 */
public final class DeadLetterPublisher {

    private final Producer<byte[], byte[]> producer;
    private final String deadLetterTopic;
    private final Duration sendTimeout;
    private final Clock clock;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String deadLetterTopic, Duration sendTimeout,
            Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Publishes and confirms.
     *
     * @throws DeadLetterException when the broker did not acknowledge in time; the record must then not be committed
     */
    public void publish(ConsumerRecord<byte[], byte[]> record, DeadLetterReason reason, Throwable cause,
            int attempts) {
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(deadLetterTopic, null, record.key(),
                record.value(), headersFor(record, reason, cause, attempts));
        try {
            producer.send(deadLetter).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while dead-lettering " + coordinates(record), e);
        } catch (ExecutionException e) {
            throw new DeadLetterException("dead-letter topic refused " + coordinates(record), e.getCause());
        } catch (TimeoutException e) {
            throw new DeadLetterException("no acknowledgement within " + sendTimeout + " for " + coordinates(record), e);
        } catch (KafkaException e) {
            // Thrown by send() itself, e.g. no metadata for the topic within max.block.ms.
            throw new DeadLetterException("could not send " + coordinates(record) + " to " + deadLetterTopic, e);
        }
    }

    Headers headersFor(ConsumerRecord<byte[], byte[]> record, DeadLetterReason reason, Throwable cause, int attempts) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            // A record that is dead-lettered again after a replay gets fresh dlq-* headers, not two sets.
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                headers.add(header.key(), header.value());
            }
        }
        add(headers, DeadLetterHeaders.REASON, reason.headerValue());
        add(headers, DeadLetterHeaders.EXCEPTION, cause == null ? "none" : cause.getClass().getName());
        add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, truncate(cause == null ? "" : String.valueOf(cause.getMessage())));
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, DeadLetterHeaders.DEAD_LETTERED_AT, Long.toString(clock.millis()));
        add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
        return headers;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= DeadLetterHeaders.MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, DeadLetterHeaders.MAX_MESSAGE_CHARS);
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    public String topic() {
        return deadLetterTopic;
    }
}
