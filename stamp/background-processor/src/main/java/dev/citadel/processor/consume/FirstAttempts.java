package dev.citadel.processor.consume;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.MDC;

import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.metrics.ProcessorMetrics;

/**
 * The first attempt at every record of a polled batch, many records in flight at once: this is where the
 * processor's throughput comes from (one write waits ~ a network round trip plus a LOCAL_QUORUM commit; dozens can
 * wait together).
 *
 * <p>Order: the records of one key (one catalog item) form a chain and at most one record of a chain is in flight;
 * the next starts only after it succeeded. A failure (transient or poison) stops its chain: the rest of the chain
 * is not attempted here but, like the failed record, left to {@link BatchProcessor}'s sequential pass, which
 * retries or dead-letters in offset order. So events of one item are always applied in their order (a comment
 * delete reads the row its add wrote), and nothing of an item is written past a record that is not settled yet.
 *
 * <p>Nothing here settles or commits: it only records what each attempt did. Runs on the consumer loop's thread;
 * completions come back from the driver's threads through a queue, so the bookkeeping stays single-threaded.
 */
final class FirstAttempts {

    /** What the first attempt at one record did: exactly one of the two is set. */
    record Attempt(AppliedEvent applied, RuntimeException failure) {
    }

    /** A finished attempt; {@code error} is set instead when it threw an {@link Error} (rethrown on our thread). */
    private record Completion(ArrayDeque<ConsumerRecord<byte[], byte[]>> chain, Attempt attempt, Error error) {
    }

    /** Records of one partition and key; a null key chains the whole partition (no order can be assumed). */
    private record ChainKey(TopicPartition partition, ByteBuffer key) {
    }

    private final EventApplier applier;
    private final ProcessorMetrics metrics;
    private final int maxInFlight;

    FirstAttempts(EventApplier applier, ProcessorMetrics metrics, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.applier = Objects.requireNonNull(applier, "applier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxInFlight = maxInFlight;
    }

    /**
     * Attempts every record it may, waits until none is in flight, and returns the attempt per record (identity);
     * records missing from the map were not attempted (behind a transient failure of their key).
     */
    Map<ConsumerRecord<byte[], byte[]>, Attempt> run(ConsumerRecords<byte[], byte[]> records) {
        ArrayDeque<ArrayDeque<ConsumerRecord<byte[], byte[]>>> ready = new ArrayDeque<>(chains(records).values());
        BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        Map<ConsumerRecord<byte[], byte[]>, Attempt> attempts = new IdentityHashMap<>();
        int inFlight = 0;
        while (!ready.isEmpty() || inFlight > 0) {
            while (inFlight < maxInFlight && !ready.isEmpty()) {
                start(ready.poll(), completions);
                inFlight++;
            }
            Completion done = take(completions);
            inFlight--;
            if (done.error() != null) {
                // Not a record's failure (e.g. OutOfMemoryError): it kills the loop, as a blocking write's would.
                throw done.error();
            }
            ConsumerRecord<byte[], byte[]> record = done.chain().poll();
            attempts.put(record, done.attempt());
            if (done.attempt().failure() == null && !done.chain().isEmpty()) {
                ready.add(done.chain());
            }
        }
        return attempts;
    }

    private static Map<ChainKey, ArrayDeque<ConsumerRecord<byte[], byte[]>>> chains(
            ConsumerRecords<byte[], byte[]> records) {
        Map<ChainKey, ArrayDeque<ConsumerRecord<byte[], byte[]>>> chains = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                ByteBuffer key = record.key() == null ? null : ByteBuffer.wrap(record.key());
                chains.computeIfAbsent(new ChainKey(partition, key), k -> new ArrayDeque<>()).add(record);
            }
        }
        return chains;
    }

    /** Starts the chain's head; its completion (never an exception from here) goes to the queue. */
    private void start(ArrayDeque<ConsumerRecord<byte[], byte[]>> chain, BlockingQueue<Completion> completions) {
        ConsumerRecord<byte[], byte[]> record = chain.peek();
        String traceId = BatchProcessor.traceId(record);
        if (traceId != null) {
            MDC.put(BatchProcessor.TRACE_ID, traceId);
        }
        long started = System.nanoTime();
        CompletionStage<AppliedEvent> stage;
        try {
            stage = applier.applyAsync(record);
        } catch (RuntimeException e) {
            // The contract says failures complete the stage; a bug that throws is still this record's failure.
            stage = CompletableFuture.failedFuture(e);
        } finally {
            MDC.remove(BatchProcessor.TRACE_ID);
        }
        stage.whenComplete((applied, failure) -> {
            Throwable cause = failure == null && applied == null
                    ? new IllegalStateException("applier completed without a result") : unwrap(failure);
            if (cause == null) {
                metrics.applied(applied, System.nanoTime() - started);
                completions.add(new Completion(chain, new Attempt(applied, null), null));
            } else if (cause instanceof Error error) {
                completions.add(new Completion(chain, null, error));
            } else {
                metrics.failedAttempt();
                RuntimeException runtime = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                completions.add(new Completion(chain, new Attempt(null, runtime), null));
            }
        });
    }

    /**
     * Every started write completes: the driver bounds each statement with its request timeout. The consumer
     * thread is never interrupted in normal operation (stop is a flag); if it is, the batch is abandoned unsettled
     * and its records are delivered again.
     */
    private static Completion take(BlockingQueue<Completion> completions) {
        try {
            return completions.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writes of the batch were in flight", e);
        }
    }

    /** The failure the applier raised, without the wrappers that composing stages adds; null for success. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
