package dev.citadel.processor.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.SingleRecordHeader;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import dev.citadel.processor.consume.ApplyFailedException;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.DeadLetterReason;

/**
 * What the error handler does with a record it gives up on: Spring Kafka's {@link DeadLetterPublishingRecoverer}
 * sends it to the dead-letter topic (key, value and original headers kept) and waits for the acknowledgement
 * ({@code acks=all}, idempotent producer). Spring's own {@code kafka_dlt-*} headers are left out; the
 * {@link DeadLetterHeaders} contract is written instead (replacing those of an earlier dead-lettering, so a replayed
 * record that fails again carries one set), which is what operators filter on and the replay strips.
 *
 * <p>If the topic does not acknowledge, {@link #accept} throws: the error handler then seeks back to the record,
 * which is neither committed nor lost, and delivered again.
 */
public final class DeadLetterRecoverer implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final ProcessorMetrics metrics;
    private final Runnable onSettled;
    private final Clock clock;

    /**
     * @param sendTimeout how long to wait for the acknowledgement (Spring waits at least the producer's
     *                    {@code delivery.timeout.ms} plus a margin, so the producer's verdict comes first)
     * @param onSettled   called once the record is on the dead-letter topic (liveness: the consumer progresses)
     */
    public DeadLetterRecoverer(KafkaOperations<byte[], byte[]> template, String deadLetterTopic, Duration sendTimeout,
            Clock clock, ProcessorMetrics metrics, Runnable onSettled) {
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.onSettled = Objects.requireNonNull(onSettled, "onSettled");
        // Partition -1: the producer picks one (by key), whatever the partition count of the dead-letter topic.
        this.publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic, -1));
        publisher.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.values());
        publisher.setHeadersFunction(this::headersFor);
        publisher.setFailIfSendResultIsError(true);
        publisher.setWaitForSendResultTimeout(sendTimeout);
        // Checking the partition would need a describe of the topic; the producer resolves it anyway.
        publisher.setVerifyPartition(false);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        DeadLetterReason reason = reason(exception);
        log.warn("dead-lettering {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(),
                reason.headerValue(), cause(exception).toString());
        publisher.accept(record, exception);
        metrics.deadLettered(reason);
        onSettled.run();
    }

    static DeadLetterReason reason(Exception exception) {
        ApplyFailedException failure = ApplyFailedException.find(exception);
        return failure == null ? DeadLetterReason.UNEXPECTED : DeadLetterReason.of(failure.kind());
    }

    /** What made the processor give up: the applier's exception, not the container's wrappers around it. */
    static Throwable cause(Exception exception) {
        ApplyFailedException failure = ApplyFailedException.find(exception);
        if (failure != null) {
            return failure.failure();
        }
        return exception instanceof ListenerExecutionFailedException && exception.getCause() != null
                ? exception.getCause() : exception;
    }

    Headers headersFor(ConsumerRecord<?, ?> record, Exception exception) {
        ApplyFailedException failure = ApplyFailedException.find(exception);
        Throwable cause = cause(exception);
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.REASON, reason(exception).headerValue());
        add(headers, DeadLetterHeaders.EXCEPTION, cause.getClass().getName());
        add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, truncate(String.valueOf(cause.getMessage())));
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, DeadLetterHeaders.DEAD_LETTERED_AT, Long.toString(clock.millis()));
        add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(failure == null ? 1 : failure.attempt()));
        return headers;
    }

    /** A {@link SingleRecordHeader} replaces any header of that name the record already had. */
    private static void add(Headers headers, String key, String value) {
        headers.add(new SingleRecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String truncate(String message) {
        return message.length() <= DeadLetterHeaders.MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, DeadLetterHeaders.MAX_MESSAGE_CHARS);
    }
}
