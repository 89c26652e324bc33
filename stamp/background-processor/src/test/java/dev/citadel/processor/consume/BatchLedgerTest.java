package dev.citadel.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchLedgerTest {

    static final TopicPartition P0 = new TopicPartition("catalog-events", 0);
    static final TopicPartition P1 = new TopicPartition("catalog-events", 1);

    /** Records at the given offsets per partition, as one poll would return them. */
    static ConsumerRecords<byte[], byte[]> batch(Map<TopicPartition, long[]> offsets) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        offsets.forEach((partition, list) -> {
            List<ConsumerRecord<byte[], byte[]>> rs = new ArrayList<>();
            for (long offset : list) {
                rs.add(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, new byte[0],
                        new byte[0]));
            }
            records.put(partition, rs);
        });
        return new ConsumerRecords<>(records, Map.of());
    }

    private final BatchLedger ledger = new BatchLedger(batch(Map.of(P0, new long[] {10, 11, 12}, P1,
            new long[] {5, 6})));

    @Test
    void commitsNothingBeforeAnyRecordIsSettled() {
        assertThat(ledger.recordCount()).isEqualTo(5);
        assertThat(ledger.committableOffsets()).isEmpty();
        assertThat(ledger.isComplete()).isFalse();
    }

    @Test
    void commitsOnePastTheLastSettledRecordOfEachPartition() {
        ledger.settle(P0, 10);
        ledger.settle(P0, 11);
        ledger.settle(P1, 5);

        assertThat(ledger.committableOffsets()).containsExactlyInAnyOrderEntriesOf(Map.of(
                P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(6)));
        assertThat(ledger.firstUnsettled(P0)).isEqualTo(OptionalLong.of(12));
        assertThat(ledger.firstUnsettled(P1)).isEqualTo(OptionalLong.of(6));
        assertThat(ledger.isComplete()).isFalse();
    }

    @Test
    void isCompleteOnlyWhenEveryRecordIsSettled() {
        for (long offset : new long[] {10, 11, 12}) {
            ledger.settle(P0, offset);
        }
        ledger.settle(P1, 5);
        assertThat(ledger.isComplete()).isFalse();

        ledger.settle(P1, 6);

        assertThat(ledger.isComplete()).isTrue();
        assertThat(ledger.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(13))
                .containsEntry(P1, new OffsetAndMetadata(7));
        assertThat(ledger.firstUnsettled(P0)).isEmpty();
    }

    @Test
    void refusesToSettleOutOfOrderSoACommitCanNeverSkipARecord() {
        assertThatThrownBy(() -> ledger.settle(P0, 11)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("next expected 10");
        ledger.settle(P0, 10);
        assertThatThrownBy(() -> ledger.settle(P0, 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.settle(new TopicPartition("other", 0), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void abandonedPartitionsKeepTheirSettledPrefixAndNoLongerBlockCompletion() {
        ledger.settle(P0, 10);
        ledger.abandon(P0);
        ledger.settle(P1, 5);
        ledger.settle(P1, 6);

        assertThat(ledger.isAbandoned(P0)).isTrue();
        assertThat(ledger.isComplete()).isTrue();
        assertThat(ledger.committableOffsets()).containsEntry(P0, new OffsetAndMetadata(11));
        assertThat(ledger.committableOffsets(List.of(P1))).containsOnlyKeys(P1);
    }
}
