package dev.citadel.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built jar as a child JVM, killed with SIGKILL while it works through a backlog, then restarted: every
 * produced event must end up stored exactly once (one row per event id) and every offset committed.
 */
class ProcessorKillIT {

    private static final int PARTITIONS = 3;
    private static final int ITEMS = 10;
    private static final int PER_ITEM = 300;
    private static final int TOTAL = ITEMS * PER_ITEM;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void storesEveryEventExactlyOnceWhenKilledMidBatchAndRestarted() throws Exception {
        ProcessorEnvironment env = ProcessorEnvironment.get();
        ProcessorEnvironment.Lane lane = env.lane("kill", PARTITIONS);
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(UUID.randomUUID());
        }
        try (KafkaProducer<byte[], byte[]> producer = env.producer()) {
            for (int n = 0; n < PER_ITEM; n++) {
                for (int i = 0; i < ITEMS; i++) {
                    // Item i on partition i % 3, so every partition has work: hashing 10 random keys left one of
                    // the 3 partitions empty in about 5 % of runs.
                    ProducerRecord<byte[], byte[]> keyed = env.record(lane.topic(),
                            ProcessorEnvironment.comment(items.get(i), "event " + n));
                    producer.send(new ProducerRecord<>(keyed.topic(), i % PARTITIONS, keyed.key(), keyed.value(),
                            keyed.headers()));
                }
            }
            producer.flush();
        }

        Process first = launch(env, lane, "first");
        // A child JVM on this shared 2-core machine has been seen to need 2.5 minutes to start.
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(100))
                .until(() -> stored(env, items) >= TOTAL / 10);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long atKill = stored(env, items);
        assertThat(atKill).as("the kill must land while work is still pending").isLessThan(TOTAL);

        long restartedAt = System.nanoTime();
        Process second = launch(env, lane, "second");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> stored(env, items) >= TOTAL);
        await().atMost(Duration.ofMinutes(2)).until(() -> committedEverything(env, lane));

        assertThat(stored(env, items)).isEqualTo(TOTAL);
        // A figure for the report, not an assertion: it depends on how loaded the machine is.
        System.out.printf("kill test: SIGKILL with %d of %d events stored; after restart all %d stored and "
                + "%d offsets committed in %d s (JVM start included)%n", atKill, TOTAL, stored(env, items),
                committedTotal(env, lane), Duration.ofNanos(System.nanoTime() - restartedAt).toSeconds());

        // Graceful stop (SIGTERM): the process finishes, commits and exits on its own.
        second.destroy();
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("a graceful stop exits on its own").isIn(0, 143);
        // The listener container's own words once a consumer has committed, left its group and stopped.
        assertThat(Files.readString(log(lane, "second"))).contains("sending LeaveGroup request")
                .contains(": Consumer stopped");
    }

    private static long stored(ProcessorEnvironment env, List<UUID> items) {
        long total = 0;
        for (UUID item : items) {
            total += env.commentRows(item);
        }
        return total;
    }

    /**
     * Every partition of the topic is committed up to its end offset. Judged per partition, over all partitions of
     * the topic: a partition that never had a record has no committed offset and needs none (demanding a commit on
     * every partition times out, with everything stored and committed, whenever one stays empty).
     */
    private static boolean committedEverything(ProcessorEnvironment env, ProcessorEnvironment.Lane lane)
            throws Exception {
        try (Admin admin = env.kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(lane.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(lane.topic(), p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            long endSum = 0;
            for (var end : ends.entrySet()) {
                long endOffset = end.getValue().offset();
                endSum += endOffset;
                OffsetAndMetadata at = committed.get(end.getKey());
                if (endOffset > 0 && (at == null || at.offset() != endOffset)) {
                    return false;
                }
            }
            return endSum >= TOTAL;
        }
    }

    private static long committedTotal(ProcessorEnvironment env, ProcessorEnvironment.Lane lane) throws Exception {
        try (Admin admin = env.kafka.admin()) {
            return admin.listConsumerGroupOffsets(lane.groupId()).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private Process launch(ProcessorEnvironment env, ProcessorEnvironment.Lane lane, String name) throws IOException {
        Path jar = Path.of("target", "background-processor.jar").toAbsolutePath();
        assertThat(jar).as("run through 'mvn verify' so the jar is built first").exists();
        Path secrets = SecretsDirectory.write(Path.of("target", "it-secrets", "kill-" + name).toAbsolutePath(),
                env.secrets());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=0");
        command.addAll(env.processorArguments(lane, 100));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(lane, name).toFile());
        builder.environment().put("CITADEL_SECRETS_DIR", secrets.toString());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static Path log(ProcessorEnvironment.Lane lane, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "it-logs"));
        return dir.resolve(lane.groupId() + "-" + name + ".log").toAbsolutePath();
    }
}
