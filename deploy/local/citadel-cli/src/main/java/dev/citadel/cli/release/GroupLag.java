package dev.citadel.cli.release;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind on a topic: per partition, the log end offset minus the group's committed
 * offset, summed. A partition the group never committed counts with everything it holds: the group has read none
 * of it that it can prove. A pure function, so the drain decision is tested without a broker.
 */
final class GroupLag {

    private GroupLag() {}

    static long of(Map<TopicPartition, Long> endOffsets, Map<TopicPartition, Long> committed) {
        long lag = 0;
        for (var e : endOffsets.entrySet()) {
            lag += Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L));
        }
        return lag;
    }

    /** Whether a broker may go: every record its producers wrote has been consumed and committed. */
    static boolean drained(Map<TopicPartition, Long> endOffsets, Map<TopicPartition, Long> committed) {
        return of(endOffsets, committed) == 0;
    }
}
