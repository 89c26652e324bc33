package dev.citadel.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.HealthProbe;
import dev.citadel.catalog.event.RatingAdded;
import dev.citadel.catalog.event.RatingDeleted;
import dev.citadel.processor.deadletter.DeadLetterHeaders;
import dev.citadel.processor.metrics.ProcessorMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/** The processor running in this JVM against real Kafka and Cassandra, fed records exactly as catalog-api writes them. */
class ProcessorIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static ProcessorEnvironment env;
    private static ProcessorEnvironment.Lane lane;
    private static InProcessProcessor processor;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void start() {
        env = ProcessorEnvironment.get();
        lane = env.lane("main", 3);
        processor = InProcessProcessor.start(env, lane, 50);
        producer = env.producer();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void becomesReadyOncePartitionsAreAssignedAndLive() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            var readiness = processor.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"consumerReadiness\"").contains("\"UP\"");
        });
        var liveness = processor.get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("consumerLiveness");
    }

    @Test
    void storesACommentProducedAsTheApiWould() {
        UUID item = UUID.randomUUID();
        CommentAdded event = ProcessorEnvironment.comment(item, "a comment that must not be lost");

        env.produce(producer, lane.topic(), event);

        Comment stored = await().atMost(PATIENCE).until(
                () -> env.adminStore.findComment(item, event.comment().id()), Optional::isPresent).get();
        assertThat(stored.text()).isEqualTo("a comment that must not be lost");
        assertThat(stored.authorName()).isEqualTo("it-author");
    }

    @Test
    void storesOneCommentWhenTheSameEventIsDeliveredTwice() {
        UUID item = UUID.randomUUID();
        CommentAdded twice = ProcessorEnvironment.comment(item, "delivered twice");
        CommentAdded marker = ProcessorEnvironment.comment(item, "behind the duplicate");

        env.produce(producer, lane.topic(), twice);
        env.produce(producer, lane.topic(), twice);
        env.produce(producer, lane.topic(), marker);

        // Same key, same partition, in order: once the marker is stored, both copies have been applied.
        await().atMost(PATIENCE).until(() -> env.adminStore.findComment(item, marker.comment().id()).isPresent());
        assertThat(env.commentRows(item)).isEqualTo(2);
    }

    @Test
    void keepsTheItemsRatingSummaryRowRightUnderRedeliveryAndDeletes() {
        UUID item = UUID.randomUUID();
        long t = System.currentTimeMillis();
        RatingAdded five = new RatingAdded(new Rating(UUID.randomUUID(), item, 5, Instant.now()), t, 0);
        RatingAdded two = new RatingAdded(new Rating(UUID.randomUUID(), item, 2, Instant.now()), t, 0);
        RatingAdded four = new RatingAdded(new Rating(UUID.randomUUID(), item, 4, Instant.now()), t + 1, 0);

        env.produce(producer, lane.topic(), five);
        env.produce(producer, lane.topic(), five);
        env.produce(producer, lane.topic(), two);
        env.produce(producer, lane.topic(), new RatingDeleted(item, two.rating().id(), t + 2, 0));
        env.produce(producer, lane.topic(), two); // redelivered after its delete: stays deleted
        env.produce(producer, lane.topic(), four);
        env.produce(producer, lane.topic(), five);

        // Written by the processor's own role (MODIFY on rating_summary_by_item), read as GET item reads it.
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(env.summaryRow(item)).containsExactly(2L, 9L));
        assertThat(env.adminStore.ratingSummary(item)).isEqualTo(new RatingSummary(4.5, 2));
        assertThat(env.adminStore.ratingSummary(UUID.randomUUID())).isEqualTo(RatingSummary.NONE);
    }

    @Test
    void appliesAnIdOnceWhateverItsAcceptTimeAndDeadLettersTheSameIdWithOtherContent() {
        UUID item = UUID.randomUUID();
        CommentAdded first = ProcessorEnvironment.comment(item, "accepted by one stamp");
        Comment original = first.comment();
        // The same request accepted again, by another stamp a few seconds later: same id, another accept time.
        Instant later = original.creationDate().plusSeconds(3);
        CommentAdded again = new CommentAdded(new Comment(original.id(), item, original.authorName(), original.text(),
                later), later.toEpochMilli(), 0);
        CommentAdded reused = new CommentAdded(new Comment(original.id(), item, original.authorName(),
                "another request under the same key", later), later.toEpochMilli(), 0);
        CommentAdded marker = ProcessorEnvironment.comment(item, "behind the duplicates");

        env.produce(producer, lane.topic(), first);
        env.produce(producer, lane.topic(), again);
        env.produce(producer, lane.topic(), reused);
        env.produce(producer, lane.topic(), marker);

        await().atMost(PATIENCE).until(() -> env.adminStore.findComment(item, marker.comment().id()).isPresent());
        assertThat(env.commentRows(item)).isEqualTo(2);
        assertThat(env.adminStore.listComments(item, 10, null).items()).as("one listing row each").hasSize(2)
                .filteredOn(c -> c.id().equals(original.id()))
                .singleElement().satisfies(c -> {
                    assertThat(c.creationDate()).isEqualTo(original.creationDate().truncatedTo(ChronoUnit.MILLIS));
                    assertThat(c.text()).isEqualTo("accepted by one stamp");
                });
        ConsumerRecord<byte[], byte[]> dead = await().atMost(PATIENCE)
                .until(() -> deadLetterFor(item.toString()), Optional::isPresent).get();
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("conflicting-write");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION))
                .isEqualTo("dev.citadel.catalog.store.ConflictingWriteException");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("another request under the same key");
    }

    @Test
    void deadLettersAPoisonRecordWithItsReasonAndStillStoresTheEventsBehindIt() {
        UUID item = UUID.randomUUID();
        CommentAdded behind = ProcessorEnvironment.comment(item, "behind the poison");

        ProcessorEnvironment.send(producer, new ProducerRecord<>(lane.topic(), ProcessorEnvironment.utf8(item.toString()),
                ProcessorEnvironment.utf8("{\"type\":\"CommentAdded\", this is not json")));
        env.produce(producer, lane.topic(), behind);

        await().atMost(PATIENCE).until(() -> env.adminStore.findComment(item, behind.comment().id()).isPresent());
        ConsumerRecord<byte[], byte[]> dead = await().atMost(PATIENCE)
                .until(() -> deadLetterFor(item.toString()), Optional::isPresent).get();
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("unparseable");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION)).isEqualTo("dev.citadel.catalog.event.PoisonEventException");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(lane.topic());
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("this is not json");
    }

    @Test
    void deadLettersAnEventWithInvalidFieldsWithTheReasonInvalid() {
        UUID item = UUID.randomUUID();
        String tooLong = "x".repeat(4001);
        String json = "{\"type\":\"CommentAdded\",\"comment\":{\"id\":\"" + UUID.randomUUID()
                + "\",\"catalogItemId\":\"" + item + "\",\"authorName\":\"Ann\",\"text\":\"" + tooLong
                + "\",\"creationDate\":\"2026-11-26T05:00:00Z\"},\"acceptedAt\":5,\"ttlSeconds\":0}";

        ProcessorEnvironment.send(producer, new ProducerRecord<>(lane.topic(), ProcessorEnvironment.utf8(item.toString()),
                ProcessorEnvironment.utf8(json)));

        ConsumerRecord<byte[], byte[]> dead = await().atMost(PATIENCE)
                .until(() -> deadLetterFor(item.toString()), Optional::isPresent).get();
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("invalid");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("text").doesNotContain(tooLong);
    }

    @Test
    void discardsHealthProbesAndCountsThem() {
        MeterRegistry registry = processor.bean(MeterRegistry.class);
        double before = discarded(registry);

        env.produce(producer, lane.topic(), new HealthProbe(UUID.randomUUID(), "health-service@it",
                System.currentTimeMillis(), 0));

        await().atMost(PATIENCE).until(() -> discarded(registry) > before);
    }

    @Test
    void publishesOutcomeCountersLagAndEnqueueToStoredTimeToPrometheus() {
        UUID item = UUID.randomUUID();
        CommentAdded event = ProcessorEnvironment.comment(item, "measured");
        env.produce(producer, lane.topic(), event);
        await().atMost(PATIENCE).until(() -> env.adminStore.findComment(item, event.comment().id()).isPresent());

        String metrics = processor.get("/actuator/prometheus").body();

        assertThat(metrics).contains("citadel_processor_events_total{").contains("outcome=\"stored\"")
                .contains("citadel_processor_lag").contains("citadel_processor_enqueue_to_stored_seconds_bucket");
    }

    private static double discarded(MeterRegistry registry) {
        return registry.get(ProcessorMetrics.EVENTS).tag("outcome", "discarded").counter().count();
    }

    private Optional<ConsumerRecord<byte[], byte[]>> deadLetterFor(String key) {
        Properties p = env.kafka.adminProperties();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(lane.deadLetterTopic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            return all.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
