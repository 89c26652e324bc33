package dev.citadel.health.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagReaderTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private static ListOffsetsResultInfo offset(long o) {
        return new ListOffsetsResultInfo(o, -1, Optional.empty());
    }

    @Test
    void sumsEndMinusCommittedAndCountsUncommittedPartitionsFromTheirLogStart() {
        long lag = LagReader.lag(Map.of(P0, offset(100), P1, offset(50)), Map.of(P0, offset(0), P1, offset(20)),
                Map.of(P0, new OffsetAndMetadata(90)));
        assertThat(lag).isEqualTo(10 + 30);
    }
}
