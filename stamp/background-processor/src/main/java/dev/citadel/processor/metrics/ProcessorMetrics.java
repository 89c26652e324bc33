package dev.citadel.processor.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.citadel.processor.apply.AppliedEvent;
import dev.citadel.processor.retry.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The processor's meters. The names are the health model's signals (CITADEL.md §5): enqueue-to-stored time,
 * failures per minute, processing time and backlog.
 *
 * <ul>
 *   <li>{@code citadel.processor.events{outcome=stored|discarded|dead-lettered|failed}}: settled records, plus
 *       {@code failed} once per attempt that threw (so one record may count failed, then stored)</li>
 *   <li>{@code citadel.processor.dead.letters{reason=...}}: dead-lettered records by reason</li>
 *   <li>{@code citadel.processor.lag}: end offsets minus position over the assigned partitions (NaN when unknown)</li>
 *   <li>{@code citadel.processor.enqueue.to.stored}: accepted-at (set by the API) to stored, with histogram</li>
 *   <li>{@code citadel.processor.processing}: time to apply one record (decode + write)</li>
 * </ul>
 */
public final class ProcessorMetrics {

    public static final String EVENTS = "citadel.processor.events";
    public static final String DEAD_LETTERS = "citadel.processor.dead.letters";
    public static final String LAG = "citadel.processor.lag";
    public static final String ENQUEUE_TO_STORED = "citadel.processor.enqueue.to.stored";
    public static final String PROCESSING = "citadel.processor.processing";

    private static final long UNKNOWN_LAG = -1;

    private final Counter stored;
    private final Counter discarded;
    private final Counter deadLettered;
    private final Counter failed;
    private final Map<DeadLetterReason, Counter> deadLettersByReason = new EnumMap<>(DeadLetterReason.class);
    private final Timer enqueueToStored;
    private final Timer processing;
    private final AtomicLong lag = new AtomicLong(UNKNOWN_LAG);
    private final Clock clock;

    public ProcessorMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.stored = outcome(registry, "stored");
        this.discarded = outcome(registry, "discarded");
        this.deadLettered = outcome(registry, "dead-lettered");
        this.failed = outcome(registry, "failed");
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLettersByReason.put(reason, Counter.builder(DEAD_LETTERS)
                    .description("Records sent to the dead-letter topic, by reason")
                    .tag("reason", reason.headerValue())
                    .register(registry));
        }
        this.enqueueToStored = Timer.builder(ENQUEUE_TO_STORED)
                .description("Time from the API accepting an event to the processor storing it")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(200), Duration.ofSeconds(1))
                .register(registry);
        this.processing = Timer.builder(PROCESSING)
                .description("Time to decode and store one record")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(200))
                .register(registry);
        Gauge.builder(LAG, lag, l -> l.get() == UNKNOWN_LAG ? Double.NaN : l.get())
                .description("Records on the assigned partitions not yet consumed (end offset - position)")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder(EVENTS)
                .description("Catalog events handled by the processor, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    public void applied(AppliedEvent event, long processingNanos) {
        processing.record(processingNanos, TimeUnit.NANOSECONDS);
        if (!event.stored()) {
            discarded.increment();
            return;
        }
        stored.increment();
        if (event.acceptedAtMillis() > 0) {
            // Clocks of API and processor hosts may differ slightly; a negative span is recorded as zero.
            enqueueToStored.record(Math.max(0, clock.millis() - event.acceptedAtMillis()), TimeUnit.MILLISECONDS);
        }
    }

    public void failedAttempt() {
        failed.increment();
    }

    public void deadLettered(DeadLetterReason reason) {
        deadLettered.increment();
        deadLettersByReason.get(reason).increment();
    }

    public void lag(long records) {
        lag.set(records);
    }

    public void lagUnknown() {
        lag.set(UNKNOWN_LAG);
    }

    /** The last measured lag, or -1 when unknown. */
    public long lag() {
        return lag.get();
    }
}
