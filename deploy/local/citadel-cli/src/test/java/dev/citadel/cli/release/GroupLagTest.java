package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupLagTest {

    private static final TopicPartition P0 = new TopicPartition("catalog-events", 0);
    private static final TopicPartition P1 = new TopicPartition("catalog-events", 1);
    private static final TopicPartition P2 = new TopicPartition("catalog-events", 2);

    @Test
    void aBrokerIsDrainedWhenTheGroupCommittedTheEndOfEveryPartition() {
        assertThat(GroupLag.drained(Map.of(P0, 5L, P1, 0L, P2, 7L), Map.of(P0, 5L, P2, 7L))).isTrue();
        assertThat(GroupLag.drained(Map.of(), Map.of())).isTrue();
    }

    @Test
    void recordsNotYetCommittedAreLagAndAPartitionNeverCommittedCountsWhole() {
        assertThat(GroupLag.of(Map.of(P0, 5L, P1, 3L, P2, 7L), Map.of(P0, 4L, P2, 7L))).isEqualTo(1 + 3);
        assertThat(GroupLag.drained(Map.of(P0, 5L), Map.of(P0, 4L))).isFalse();
    }

    @Test
    void aCommitAheadOfTheEndOffsetIsNoNegativeLag() {
        assertThat(GroupLag.of(Map.of(P0, 5L, P1, 2L), Map.of(P0, 9L, P1, 0L))).isEqualTo(2);
    }
}
