package dev.citadel.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import dev.citadel.processor.deadletter.DeadLetterHeaders;

class DeadLetterReplayerTest {

    private static final TopicPartition DLQ0 = new TopicPartition("catalog-events-dlq", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private void deadLetterTopicWith(int records) {
        consumer.updatePartitions(DLQ0.topic(), List.of(new PartitionInfo(DLQ0.topic(), 0, Node.noNode(),
                new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(DLQ0, 0L));
        consumer.updateEndOffsets(Map.of(DLQ0, (long) records));
        consumer.schedulePollTask(() -> {
            for (int offset = 0; offset < records; offset++) {
                ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(DLQ0.topic(), 0, offset, utf8("item-" + offset),
                        utf8("{\"n\":" + offset + "}"));
                r.headers().add("event-type", utf8("CommentAdded"));
                r.headers().add(DeadLetterHeaders.REASON, utf8("retries-exhausted"));
                r.headers().add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Integer.toString(offset)));
                consumer.addRecord(r);
            }
        });
    }

    @Test
    void movesEveryRecordToTheMainTopicWithKeyValueAndOriginalHeadersOnlyAndCommits() {
        deadLetterTopicWith(2);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());

        long replayed = new DeadLetterReplayer(consumer, producer, DLQ0.topic(), "catalog-events",
                Duration.ofSeconds(5)).replay(Duration.ofSeconds(30));

        assertThat(replayed).isEqualTo(2);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("catalog-events");
        assertThat(new String(sent.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("item-1");
        assertThat(new String(sent.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(sent.get(0).headers().lastHeader("event-type")).isNotNull();
        assertThat(sent.get(0).headers().lastHeader(DeadLetterHeaders.REASON)).isNull();
        assertThat(sent.get(0).headers().lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET)).isNull();
        assertThat(consumer.committed(Set.of(DLQ0)).get(DLQ0).offset()).isEqualTo(2);
    }

    @Test
    void commitsNothingWhenTheMainTopicDoesNotAcknowledge() {
        deadLetterTopicWith(1);
        MockProducer<byte[], byte[]> silent = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer());

        assertThatThrownBy(() -> new DeadLetterReplayer(consumer, silent, DLQ0.topic(), "catalog-events",
                Duration.ofMillis(100)).replay(Duration.ofSeconds(30)))
                .hasMessageContaining("did not acknowledge");
        assertThat(consumer.committed(Set.of(DLQ0)).get(DLQ0)).isNull();
    }

    @Test
    void replaysNothingFromAnEmptyDeadLetterTopic() {
        deadLetterTopicWith(0);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());

        assertThat(new DeadLetterReplayer(consumer, producer, DLQ0.topic(), "catalog-events", Duration.ofSeconds(5))
                .replay(Duration.ofSeconds(30))).isZero();
        assertThat(producer.history()).isEmpty();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
