package dev.citadel.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.platform.pki.Secret;
import dev.citadel.processor.deadletter.DeadLetterHeaders;
import dev.citadel.processor.replay.DeadLetterReplayMain;

/** The operator's {@code --replay-dlq} command against real Kafka, with its own least-privilege user. */
class DeadLetterReplayIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static ProcessorEnvironment env;
    private static ProcessorEnvironment.Lane lane;
    private static InProcessProcessor processor;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void start() {
        env = ProcessorEnvironment.get();
        lane = env.lane("replay", 2);
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
    void replaysDeadLetteredRecordsOntoTheMainTopicWhereTheyAreStoredAndCommitsSoASecondRunReplaysNothing() {
        UUID item = UUID.randomUUID();
        CommentAdded event = ProcessorEnvironment.comment(item, "dead-lettered during an outage");
        // As the processor leaves a record whose retries were exhausted while Cassandra was down.
        ProducerRecord<byte[], byte[]> dead = env.record(lane.deadLetterTopic(), event);
        dead.headers().add(DeadLetterHeaders.REASON, ProcessorEnvironment.utf8("retries-exhausted"));
        dead.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, ProcessorEnvironment.utf8(lane.topic()));
        ProcessorEnvironment.send(producer, dead);

        Run first = replay();

        assertThat(first.exitCode).as(first.err).isZero();
        assertThat(first.out).contains("replayed 1 record(s) from " + lane.deadLetterTopic() + " to " + lane.topic());
        await().atMost(PATIENCE).until(() -> env.adminStore.findComment(item, event.comment().id()).isPresent());

        Run second = replay();

        assertThat(second.exitCode).as(second.err).isZero();
        assertThat(second.out).contains("replayed 0 record(s)");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run replay() {
        Map<String, Secret> secrets = new LinkedHashMap<>(env.secrets());
        secrets.put("kafka-password", env.replayPassword);
        Path dir = SecretsDirectory.write(Path.of("target", "it-secrets", "dlq-replayer").toAbsolutePath(), secrets);
        List<String> args = new ArrayList<>(env.processorArguments(lane, 50));
        // A repeated --key=value becomes "first,second" in Spring: replace the processor's user, do not add one.
        args.removeIf(a -> a.startsWith("--citadel.processor.kafka.username="));
        args.add(DeadLetterReplayMain.FLAG);
        args.add("--citadel.processor.kafka.username=" + ProcessorEnvironment.REPLAY_USER);
        args.add("--CITADEL_SECRETS_DIR=" + dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DeadLetterReplayMain.run(args.toArray(String[]::new), new PrintStream(out, true),
                new PrintStream(err, true));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
