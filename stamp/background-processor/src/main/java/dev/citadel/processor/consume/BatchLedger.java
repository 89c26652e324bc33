package dev.citadel.processor.consume;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Bookkeeping for one polled batch: which records are settled (stored, discarded or dead-lettered) and therefore
 * which offsets may be committed. Per partition only the contiguous settled prefix counts, so a commit never skips
 * an unsettled record: if the processor dies after the commit, nothing accepted is lost, and anything not committed
 * is delivered again (the store is idempotent, so that is harmless).
 *
 * <p>Not thread-safe: used only by the consumer loop's thread.
 */
public final class BatchLedger {

    private final Map<TopicPartition, List<Long>> offsetsByPartition = new LinkedHashMap<>();
    private final Map<TopicPartition, Integer> settledPrefix = new HashMap<>();
    private final Set<TopicPartition> abandoned = new HashSet<>();
    private int recordCount;

    public BatchLedger(ConsumerRecords<?, ?> records) {
        for (TopicPartition partition : records.partitions()) {
            List<Long> offsets = new ArrayList<>();
            for (ConsumerRecord<?, ?> record : records.records(partition)) {
                offsets.add(record.offset());
            }
            offsetsByPartition.put(partition, offsets);
            settledPrefix.put(partition, 0);
            recordCount += offsets.size();
        }
    }

    public int recordCount() {
        return recordCount;
    }

    /**
     * Marks the record settled. Records of a partition must be settled in offset order, which is the order the
     * loop handles them in; anything else is a bug and fails loudly rather than committing past a gap.
     */
    public void settle(TopicPartition partition, long offset) {
        List<Long> offsets = offsetsByPartition.get(partition);
        if (offsets == null) {
            throw new IllegalArgumentException("partition " + partition + " is not in this batch");
        }
        int next = settledPrefix.get(partition);
        if (next >= offsets.size() || offsets.get(next) != offset) {
            throw new IllegalStateException("out-of-order settle of " + partition + "@" + offset
                    + ", next expected " + (next < offsets.size() ? offsets.get(next) : "none"));
        }
        settledPrefix.put(partition, next + 1);
    }

    /**
     * Drops the partition from this batch (revoked in a rebalance, or shutdown while retrying): its unsettled records
     * are not committed and will be delivered again to whoever owns the partition next.
     */
    public void abandon(TopicPartition partition) {
        if (offsetsByPartition.containsKey(partition)) {
            abandoned.add(partition);
        }
    }

    public boolean isAbandoned(TopicPartition partition) {
        return abandoned.contains(partition);
    }

    /** True when every record of every partition that was not abandoned is settled. */
    public boolean isComplete() {
        for (Map.Entry<TopicPartition, List<Long>> entry : offsetsByPartition.entrySet()) {
            if (!abandoned.contains(entry.getKey()) && settledPrefix.get(entry.getKey()) < entry.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    /** Offset to commit per partition: one past the last settled record. Partitions with nothing settled are absent. */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        Map<TopicPartition, OffsetAndMetadata> commit = new LinkedHashMap<>();
        offsetsByPartition.forEach((partition, offsets) -> {
            int settled = settledPrefix.get(partition);
            if (settled > 0) {
                commit.put(partition, new OffsetAndMetadata(offsets.get(settled - 1) + 1));
            }
        });
        return commit;
    }

    /** Committable offsets restricted to the given partitions (used when they are being revoked). */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> all = committableOffsets();
        all.keySet().retainAll(partitions);
        return all;
    }

    /** The first unsettled offset of the partition: where to seek back to so it is delivered again. */
    public OptionalLong firstUnsettled(TopicPartition partition) {
        List<Long> offsets = offsetsByPartition.get(partition);
        if (offsets == null) {
            return OptionalLong.empty();
        }
        int settled = settledPrefix.get(partition);
        return settled < offsets.size() ? OptionalLong.of(offsets.get(settled)) : OptionalLong.empty();
    }

    public Set<TopicPartition> partitions() {
        return offsetsByPartition.keySet();
    }
}
