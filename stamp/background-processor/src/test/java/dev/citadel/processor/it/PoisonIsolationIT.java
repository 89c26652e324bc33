package dev.citadel.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;

import dev.citadel.catalog.error.FatalException;
import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.deadletter.DeadLetterHeaders;

/**
 * One sick item must not stall the others: a record on partition 0 fails transiently for a while, then for good,
 * while records keep arriving on partition 1 of the same consumer (concurrency 1, so both partitions share one
 * consumer thread: the hard case). Partition 0 backs off for up to {@link #BACKOFF} at a time; partition 1's records
 * must each be applied within about one poll ({@link #POLL_TIMEOUT}), far below that backoff, and the poison record
 * alone ends in the dead-letter topic.
 */
class PoisonIsolationIT {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** Initial and max backoff: each wait of partition 0 is uniform in [0, BACKOFF] (full jitter). */
    private static final Duration BACKOFF = Duration.ofSeconds(8);
    /** Deliveries of the poison record that fail transiently before it fails for good. */
    private static final int TRANSIENT_DELIVERIES = 4;
    /**
     * A partition-1 record waits at most for the poll in progress (POLL_TIMEOUT) and the handling of one partition-0
     * failure; twice the poll timeout bounds both, and a stall behind partition 0's backoff would exceed it.
     */
    private static final Duration ONE_POLL_BOUND = POLL_TIMEOUT.multipliedBy(2);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static ProcessorEnvironment env;
    private static ProcessorEnvironment.Lane lane;
    private static InProcessProcessor processor;
    private static KafkaProducer<byte[], byte[]> producer;

    /** Key of the sick item; the applier fails its records. */
    static volatile String poisonKey = "none";
    static final AtomicInteger poisonDeliveries = new AtomicInteger();
    static final AtomicLong poisonFirstFailureMillis = new AtomicLong();
    /** Partition-1 records by key: when the applier started on them (epoch ms). */
    static final Map<String, Long> appliedAt = new ConcurrentHashMap<>();

    /**
     * Wraps the real applier: the poison item's records fail, everything else is applied as usual. Given to this
     * test's application as a source; deliberately not a {@code @Configuration}, so the other ITs' applications
     * (which scan this package) do not pick it up.
     */
    static class SickItem {
        @Bean
        static BeanPostProcessor sickItemApplier() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof EventApplier real)) {
                        return bean;
                    }
                    return (EventApplier) record -> {
                        String key = new String(record.key(), StandardCharsets.UTF_8);
                        if (key.equals(poisonKey)) {
                            int delivery = poisonDeliveries.incrementAndGet();
                            poisonFirstFailureMillis.compareAndSet(0, System.currentTimeMillis());
                            if (delivery <= TRANSIENT_DELIVERIES) {
                                throw new RetriableException("store unavailable for this item (delivery " + delivery
                                        + ")");
                            }
                            throw new FatalException("store refuses this item for good");
                        }
                        appliedAt.putIfAbsent(key, System.currentTimeMillis());
                        return real.apply(record);
                    };
                }
            };
        }
    }

    @BeforeAll
    static void start() {
        env = ProcessorEnvironment.get();
        lane = env.lane("isolation", 2);
        processor = InProcessProcessor.start(env, lane, 50, List.of(
                "--citadel.processor.kafka.concurrency=1",
                "--citadel.processor.kafka.poll-timeout=" + POLL_TIMEOUT.toMillis() + "ms",
                "--citadel.processor.retry.initial-backoff=" + BACKOFF.toMillis() + "ms",
                "--citadel.processor.retry.max-backoff=" + BACKOFF.toMillis() + "ms",
                "--citadel.processor.retry.max-attempts=" + (TRANSIENT_DELIVERIES + 2),
                "--citadel.processor.health.liveness-stall-timeout=5m"), SickItem.class);
        producer = env.producer();
        await().atMost(PATIENCE).until(() -> processor.get("/actuator/health/readiness").statusCode() == 200);
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
    void aSickItemOnOnePartitionDoesNotDelayTheOtherPartitionAndAloneReachesTheDeadLetterTopic() throws Exception {
        // Steady state first: both partitions fetched once (the first fetch after an assignment is slower).
        for (int partition = 0; partition < 2; partition++) {
            CommentAdded warmUp = ProcessorEnvironment.comment(UUID.randomUUID(), "warm-up");
            sendAt(partition, env.record(lane.topic(), warmUp));
            await().atMost(PATIENCE).until(() -> env.adminStore.findComment(warmUp.comment().catalogItemId(),
                    warmUp.comment().id()).isPresent());
        }
        UUID sick = UUID.randomUUID();
        poisonKey = sick.toString();
        CommentAdded poison = ProcessorEnvironment.comment(sick, "never stored");
        long poisonProducedAt = sendAt(0, env.record(lane.topic(), poison));

        // Records keep arriving on partition 1 until the poison is dead-lettered.
        List<CommentAdded> healthy = new ArrayList<>();
        Map<String, Long> producedAt = new ConcurrentHashMap<>();
        long poisonDeadLetteredAt = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (poisonDeadLetteredAt == 0 && System.nanoTime() < deadline) {
            CommentAdded event = ProcessorEnvironment.comment(UUID.randomUUID(), "healthy");
            producedAt.put(event.key(), sendAt(1, env.record(lane.topic(), event)));
            healthy.add(event);
            Thread.sleep(250);
            if (healthy.size() % 8 == 0) {
                poisonDeadLetteredAt = deadLetters().stream().filter(r -> key(r).equals(poisonKey)).findFirst()
                        .map(r -> Long.parseLong(header(r, DeadLetterHeaders.DEAD_LETTERED_AT))).orElse(0L);
            }
        }
        assertThat(poisonDeadLetteredAt).as("poison dead-lettered within %s", PATIENCE).isPositive();

        // Every healthy record is stored, and was applied within about one poll of being produced.
        for (CommentAdded event : healthy) {
            await().atMost(PATIENCE).until(() -> env.adminStore.findComment(event.comment().catalogItemId(),
                    event.comment().id()).isPresent());
        }
        List<Long> delays = new ArrayList<>();
        for (CommentAdded event : healthy) {
            delays.add(appliedAt.get(event.key()) - producedAt.get(event.key()));
        }
        long maxDelay = delays.stream().mapToLong(Long::longValue).max().orElseThrow();
        long failingFrom = poisonFirstFailureMillis.get();
        long failingUntil = poisonDeadLetteredAt;
        long duringBackoff = healthy.stream().map(e -> appliedAt.get(e.key()))
                .filter(at -> at > failingFrom && at < failingUntil).count();
        System.out.printf("poison: produced->dead-lettered %d ms after %d deliveries; partition 1: %d records, "
                + "%d applied while partition 0 was failing, delay produced->applied max %d ms, in order %s%n",
                poisonDeadLetteredAt - poisonProducedAt, poisonDeliveries.get(), healthy.size(), duringBackoff,
                maxDelay, delays);
        assertThat(duringBackoff).as("partition-1 records applied while partition 0 backed off").isGreaterThan(5);
        assertThat(maxDelay).as("worst partition-1 delay, ms").isLessThan(ONE_POLL_BOUND.toMillis());

        // The poison alone is dead-lettered, with its reason; it was retried while transient, then given up on.
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters();
        assertThat(dead).extracting(PoisonIsolationIT::key).containsExactly(poisonKey);
        ConsumerRecord<byte[], byte[]> record = dead.get(0);
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("fatal");
        assertThat(header(record, DeadLetterHeaders.EXCEPTION)).isEqualTo(FatalException.class.getName());
        assertThat(header(record, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(header(record, DeadLetterHeaders.ATTEMPTS)).isEqualTo(Integer.toString(TRANSIENT_DELIVERIES + 1));
        assertThat(poisonDeliveries).hasValue(TRANSIENT_DELIVERIES + 1);

        // Poison that no retry can help goes to the dead-letter topic at once: one delivery, no backoff.
        String garbageKey = UUID.randomUUID().toString();
        long garbageProducedAt = sendAt(0, new ProducerRecord<>(lane.topic(), ProcessorEnvironment.utf8(garbageKey),
                ProcessorEnvironment.utf8("not an event")));
        ConsumerRecord<byte[], byte[]> garbage = await().atMost(PATIENCE).until(() -> deadLetters().stream()
                .filter(r -> key(r).equals(garbageKey)).findFirst(), java.util.Optional::isPresent).get();
        long garbageMillis = Long.parseLong(header(garbage, DeadLetterHeaders.DEAD_LETTERED_AT)) - garbageProducedAt;
        System.out.printf("unparseable poison: produced->dead-lettered %d ms%n", garbageMillis);
        assertThat(header(garbage, DeadLetterHeaders.REASON)).isEqualTo("unparseable");
        assertThat(header(garbage, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(garbageMillis).isLessThan(ONE_POLL_BOUND.toMillis());
        assertThat(deadLetters()).extracting(PoisonIsolationIT::key).containsExactly(poisonKey, garbageKey);
    }

    /** Sends to one partition; returns when the broker acknowledged (epoch ms). */
    private static long sendAt(int partition, ProducerRecord<byte[], byte[]> record) {
        ProducerRecord<byte[], byte[]> placed = new ProducerRecord<>(record.topic(), partition, record.key(),
                record.value(), record.headers());
        ProcessorEnvironment.send(producer, placed);
        return System.currentTimeMillis();
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        Properties p = env.kafka.adminProperties();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(lane.deadLetterTopic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
