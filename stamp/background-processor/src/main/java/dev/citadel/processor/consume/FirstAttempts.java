package dev.citadel.processor.consume;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>Nothing here settles or commits: it only records what each attempt did. Runs on the consumer loop's thread.
 * The callback that a write's stage runs on the driver's thread only hands the outcome over through a queue and
 * does nothing that can throw: an exception thrown inside {@code whenComplete} is swallowed by the stage it returns,
 * so any work there (metrics, unwrapping) could lose the completion and leave the batch waiting for ever. All
 * bookkeeping happens here, on the consumer thread.
 *
 * <p>No batch waits for ever even so: a write still unanswered {@code inFlightTimeout} after it was handed to the
 * driver (whose own request timeout should have answered it long before) is declared lost; the pass logs an ERROR
 * naming the stuck records and throws {@link StuckWritesException}, so nothing of the batch is committed and the
 * consumer loop delivers it again.
 */
final class FirstAttempts {

    private static final Logger log = LoggerFactory.getLogger(FirstAttempts.class);

    /** What the first attempt at one record did: exactly one of the two is set. */
    record Attempt(AppliedEvent applied, RuntimeException failure) {
    }

    /** A write's outcome exactly as its stage delivered it; interpreted on the consumer thread. */
    private record Completion(ArrayDeque<ConsumerRecord<byte[], byte[]>> chain, AppliedEvent applied,
            Throwable failure, long elapsedNanos) {
    }

    /** Records of one partition and key; a null key chains the whole partition (no order can be assumed). */
    private record ChainKey(TopicPartition partition, ByteBuffer key) {
    }

    private final EventApplier applier;
    private final ProcessorMetrics metrics;
    private final int maxInFlight;
    private final long inFlightTimeoutNanos;

    FirstAttempts(EventApplier applier, ProcessorMetrics metrics, int maxInFlight, Duration inFlightTimeout) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (inFlightTimeout.isNegative() || inFlightTimeout.isZero()) {
            throw new IllegalArgumentException("inFlightTimeout must be positive, was " + inFlightTimeout);
        }
        this.applier = Objects.requireNonNull(applier, "applier");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxInFlight = maxInFlight;
        this.inFlightTimeoutNanos = inFlightTimeout.toNanos();
    }

    /**
     * Attempts every record it may, waits until none is in flight, and returns the attempt per record (identity);
     * records missing from the map were not attempted (behind a failure of their key).
     *
     * @throws StuckWritesException when a write stayed unanswered longer than the in-flight timeout
     */
    Map<ConsumerRecord<byte[], byte[]>, Attempt> run(ConsumerRecords<byte[], byte[]> records) {
        ArrayDeque<ArrayDeque<ConsumerRecord<byte[], byte[]>>> ready = new ArrayDeque<>(chains(records).values());
        BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
        // Chain -> when its head was handed to the driver; only touched on this thread.
        Map<ArrayDeque<ConsumerRecord<byte[], byte[]>>, Long> inFlight = new IdentityHashMap<>();
        Map<ConsumerRecord<byte[], byte[]>, Attempt> attempts = new IdentityHashMap<>();
        while (!ready.isEmpty() || !inFlight.isEmpty()) {
            while (inFlight.size() < maxInFlight && !ready.isEmpty()) {
                start(ready.poll(), completions, inFlight);
            }
            Completion done = next(completions, inFlight);
            inFlight.remove(done.chain());
            Attempt attempt = attempt(done);
            attempts.put(done.chain().poll(), attempt);
            if (attempt.failure() == null && !done.chain().isEmpty()) {
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
    private void start(ArrayDeque<ConsumerRecord<byte[], byte[]>> chain, BlockingQueue<Completion> completions,
            Map<ArrayDeque<ConsumerRecord<byte[], byte[]>>, Long> inFlight) {
        ConsumerRecord<byte[], byte[]> record = chain.peek();
        String traceId = BatchProcessor.traceId(record);
        if (traceId != null) {
            MDC.put(BatchProcessor.TRACE_ID, traceId);
        }
        long started = System.nanoTime();
        CompletionStage<AppliedEvent> stage;
        try {
            stage = applier.applyAsync(record);
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new IllegalStateException("applier returned no stage"));
            }
        } catch (RuntimeException e) {
            // The contract says failures complete the stage; a bug that throws is still this record's failure.
            stage = CompletableFuture.failedFuture(e);
        } finally {
            MDC.remove(BatchProcessor.TRACE_ID);
        }
        // The clock starts once the write is the driver's: a first connect made above, on this thread, is bounded
        // by its own timeouts and is not a write in flight.
        inFlight.put(chain, System.nanoTime());
        // Runs on a driver thread (or right here if already complete): nothing in it may throw.
        stage.whenComplete((applied, failure) -> completions.add(
                new Completion(chain, applied, failure, System.nanoTime() - started)));
    }

    /** The next completion, or a {@link StuckWritesException} once the oldest write in flight is overdue. */
    private Completion next(BlockingQueue<Completion> completions,
            Map<ArrayDeque<ConsumerRecord<byte[], byte[]>>, Long> inFlight) {
        while (true) {
            long oldest = inFlight.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            long wait = oldest + inFlightTimeoutNanos - System.nanoTime();
            Completion done = poll(completions, Math.max(0, wait));
            if (done != null) {
                return done;
            }
            List<ConsumerRecord<byte[], byte[]>> stuck = overdue(inFlight);
            if (!stuck.isEmpty()) {
                throw stuck(stuck);
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> overdue(
            Map<ArrayDeque<ConsumerRecord<byte[], byte[]>>, Long> inFlight) {
        long now = System.nanoTime();
        List<ConsumerRecord<byte[], byte[]>> stuck = new ArrayList<>();
        inFlight.forEach((chain, since) -> {
            if (now - since >= inFlightTimeoutNanos) {
                stuck.add(chain.peek());
            }
        });
        return stuck;
    }

    private StuckWritesException stuck(List<ConsumerRecord<byte[], byte[]>> stuck) {
        List<String> names = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : stuck) {
            names.add(record.topic() + "-" + record.partition() + "@" + record.offset() + " (key "
                    + (record.key() == null ? "none" : new String(record.key(), StandardCharsets.UTF_8)) + ")");
        }
        StuckWritesException e = new StuckWritesException(stuck.size() + " write(s) of the batch unanswered after "
                + Duration.ofNanos(inFlightTimeoutNanos) + ": " + names);
        // ERROR: the driver broke its own timeout contract. Nothing of the batch is committed; it is polled again.
        log.error("concurrent pass abandoned, the batch will be delivered again: {}", e.getMessage());
        return e;
    }

    private static Completion poll(BlockingQueue<Completion> completions, long nanos) {
        try {
            return completions.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Stop is a flag, so this is unexpected: the batch is abandoned unsettled and delivered again.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writes of the batch were in flight", e);
        }
    }

    /** Turns an outcome into an attempt, with its metrics; an {@link Error} is rethrown on this thread. */
    private Attempt attempt(Completion done) {
        Throwable cause = done.failure() == null && done.applied() == null
                ? new IllegalStateException("applier completed without a result") : unwrap(done.failure());
        if (cause == null) {
            metrics.applied(done.applied(), done.elapsedNanos());
            return new Attempt(done.applied(), null);
        }
        if (cause instanceof Error error) {
            // Not a record's failure (e.g. OutOfMemoryError): it kills the loop, as a blocking write's would.
            throw error;
        }
        metrics.failedAttempt();
        return new Attempt(null, cause instanceof RuntimeException r ? r : new IllegalStateException(cause));
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
