package dev.citadel.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.citadel.catalog.error.FatalException;
import dev.citadel.catalog.error.RetriableException;
import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.CoreFailureClassifier;
import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.FailureKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class CatalogEventListenerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final CatalogEventListener listener = new CatalogEventListener(record -> {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return AppliedEvent.stored("CommentAdded", 0);
    }, new CoreFailureClassifier(), new ProcessorMetrics(registry, Clock.systemUTC()),
            new ConsumerHealth(Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMinutes(2), () -> 0));

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset) {
        return new ConsumerRecord<>("catalog-events", partition, offset, "item".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTransientFailureIsRethrownAsRetryableAndCountsTheDeliveriesOfTheSameRecord() {
        failure.set(new RetriableException("unavailable"));

        ApplyFailedException first = catchThrowableOfType(ApplyFailedException.class,
                () -> listener.onMessage(record(0, 7)));
        ApplyFailedException second = catchThrowableOfType(ApplyFailedException.class,
                () -> listener.onMessage(record(0, 7)));

        assertThat(first).isInstanceOf(ApplyFailedException.Transient.class);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.partition()).isEqualTo(new TopicPartition("catalog-events", 0));
        assertThat(second.failure()).isSameAs(failure.get());
        assertThat(registry.get(ProcessorMetrics.EVENTS).tag("outcome", "failed").counter().count()).isEqualTo(2);
    }

    @Test
    void anotherRecordOfThePartitionCountsFromOne() {
        failure.set(new RetriableException("unavailable"));
        catchThrowableOfType(ApplyFailedException.class, () -> listener.onMessage(record(0, 7)));

        assertThat(catchThrowableOfType(ApplyFailedException.class, () -> listener.onMessage(record(0, 8)))
                .attempt()).isEqualTo(1);
    }

    @Test
    void poisonAndFatalFailuresAreRethrownAsPermanentWithTheirKind() {
        failure.set(new FatalException("permission denied"));
        ApplyFailedException fatal = catchThrowableOfType(ApplyFailedException.class,
                () -> listener.onMessage(record(1, 3)));
        failure.set(new IllegalStateException("a bug"));
        ApplyFailedException bug = catchThrowableOfType(ApplyFailedException.class,
                () -> listener.onMessage(record(1, 4)));

        assertThat(fatal).isInstanceOf(ApplyFailedException.Permanent.class);
        assertThat(fatal.kind()).isEqualTo(FailureKind.FATAL);
        assertThat(bug.kind()).isEqualTo(FailureKind.UNEXPECTED);
    }

    @Test
    void aStoredRecordIsCounted() {
        listener.onMessage(record(2, 0));

        assertThat(registry.get(ProcessorMetrics.EVENTS).tag("outcome", "stored").counter().count()).isEqualTo(1);
    }
}
