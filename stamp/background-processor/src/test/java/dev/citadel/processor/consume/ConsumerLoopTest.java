package dev.citadel.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.deadletter.DeadLetterPublisher;
import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.DeadLetterPolicy;
import dev.citadel.processor.retry.FailureKind;
import dev.citadel.processor.retry.RetryPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The loop's commit discipline, driven through kafka-clients' own {@link MockConsumer} (no sockets; the real broker
 * is exercised by the ITs).
 */
class ConsumerLoopTest {

    private static final TopicPartition P0 = new TopicPartition("catalog-events", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
    private final ConsumerHealth health = new ConsumerHealth(Clock.systemUTC(), Duration.ofSeconds(30),
            Duration.ofMinutes(2), metrics::lag);
    private final List<String> observations = new CopyOnWriteArrayList<>();
    private ConsumerLoop loop;

    private void start(EventApplier applier, MockProducer<byte[], byte[]> deadLetterProducer) {
        DeadLetterPolicy policy = new DeadLetterPolicy(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 3),
                failure -> FailureKind.UNPARSEABLE, () -> 0.5);
        DeadLetterPublisher publisher = new DeadLetterPublisher(deadLetterProducer, "catalog-events-dlq",
                Duration.ofMillis(200), Clock.systemUTC());
        BatchProcessor processor = new BatchProcessor(applier, policy, publisher, metrics, health::progressed, 4,
                Duration.ofMillis(300));
        loop = new ConsumerLoop(() -> consumer, "catalog-events", Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofSeconds(10), processor, health, metrics);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.updateEndOffsets(Map.of(P0, 3L));
            for (long offset = 0; offset < 3; offset++) {
                consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, offset, new byte[0], new byte[0]));
            }
        });
        loop.start();
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    private OffsetAndMetadata committed() {
        return consumer.committed(Set.of(P0)).get(P0);
    }

    @Test
    void commitsTheBatchOnlyAfterEveryRecordOfItWasStored() {
        start(record -> {
            // What was committed when this record was being stored: must be nothing, it is all one batch.
            observations.add(record.offset() + ":" + committed());
            return AppliedEvent.stored("CommentAdded", 0);
        }, new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()));

        await().atMost(Duration.ofSeconds(30)).until(() -> committed() != null);

        assertThat(committed().offset()).isEqualTo(3);
        assertThat(observations).containsExactly("0:null", "1:null", "2:null");
        await().atMost(Duration.ofSeconds(30)).until(() -> health.readiness().healthy());
    }

    @Test
    void commitsOnlyTheSettledPrefixAndSeeksBackWhenTheDeadLetterTopicDoesNotConfirm() {
        MockProducer<byte[], byte[]> neverAcknowledges = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        EventApplier poisonAtOne = record -> {
            if (record.offset() == 1) {
                throw new IllegalStateException("poison");
            }
            observations.add("stored " + record.offset());
            return AppliedEvent.stored("CommentAdded", 0);
        };

        start(poisonAtOne, neverAcknowledges);

        await().atMost(Duration.ofSeconds(30)).until(() -> committed() != null);
        assertThat(committed().offset()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.position(P0) == 1);
        // Offset 2 sits behind the unconfirmed poison record: not stored in this batch, not committed.
        assertThat(observations).containsExactly("stored 0");
        assertThat(neverAcknowledges.history()).hasSize(1);
    }

    @Test
    void commitsNothingAndSeeksBackWhenAWriteOfTheBatchIsNeverAnswered() {
        EventApplier neverAnswersOffsetOne = new EventApplier() {
            @Override
            public AppliedEvent apply(ConsumerRecord<byte[], byte[]> record) {
                return AppliedEvent.stored("CommentAdded", 0);
            }

            @Override
            public CompletableFuture<AppliedEvent> applyAsync(ConsumerRecord<byte[], byte[]> record) {
                observations.add("sent " + record.offset());
                return record.offset() == 1 ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(AppliedEvent.stored("CommentAdded", 0));
            }
        };

        start(neverAnswersOffsetOne, new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()));

        // The loop's usual failure handling: the error is reported, the consumer goes back to the batch's start.
        await().atMost(Duration.ofSeconds(30)).until(() -> "StuckWritesException".equals(health.lastError()));
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.position(P0) == 0);
        assertThat(committed()).isNull();
        // All three records share a key: offset 2 waits behind the unanswered write and is never sent.
        assertThat(observations).containsExactly("sent 0", "sent 1");
    }
}
