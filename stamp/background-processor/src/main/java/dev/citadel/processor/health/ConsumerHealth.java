package dev.citadel.processor.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What the listener container and its observer report about consuming, and the two verdicts derived from it
 * (CITADEL.md §5):
 * <ul>
 *   <li><b>ready</b>: partitions are assigned and a poll completed within {@code pollWindow}: the processor is
 *       actually consuming;</li>
 *   <li><b>live</b>: the consumer threads are running and, while there is a backlog (lag &gt; 0), a record was
 *       settled within {@code stallTimeout}. A consumer stuck with work waiting is dead in all but name: restarting
 *       it is the remedy. An idle one (lag 0 or unknown, e.g. while the broker is down) is live: restarting would not
 *       help.</li>
 * </ul>
 * Written by consumer and scheduler threads, read by actuator threads: every field is volatile.
 */
public final class ConsumerHealth {

    private final Clock clock;
    private final Duration pollWindow;
    private final Duration stallTimeout;
    private final LongSupplier lag;

    private volatile BooleanSupplier running;
    private volatile boolean stopping;
    private volatile int assignedPartitions;
    private volatile Instant lastPoll;
    private volatile Instant lastProgress;
    private volatile String lastError;

    public ConsumerHealth(Clock clock, Duration pollWindow, Duration stallTimeout, LongSupplier lag) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollWindow = Objects.requireNonNull(pollWindow, "pollWindow");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.lag = Objects.requireNonNull(lag, "lag");
    }

    /** @param running whether every consumer thread is still running (false once one died) */
    public void loopStarted(BooleanSupplier running) {
        this.running = running;
        this.stopping = false;
        this.lastProgress = clock.instant();
    }

    public void loopStopping() {
        this.stopping = true;
    }

    public void assigned(int partitions) {
        this.assignedPartitions = partitions;
    }

    public void polled() {
        polledAt(clock.instant());
    }

    /** When the consumer that polled least recently last polled. */
    public void polledAt(Instant when) {
        this.lastPoll = when;
    }

    /** A record was settled (or there was nothing to do): the consumer moves. */
    public void progressed() {
        this.lastProgress = clock.instant();
    }

    public void error(Throwable error) {
        this.lastError = error.getClass().getSimpleName();
    }

    public Verdict readiness() {
        Instant polled = lastPoll;
        if (stopping) {
            return Verdict.down("stopping");
        }
        if (assignedPartitions == 0) {
            return Verdict.down("no partitions assigned");
        }
        if (polled == null || Duration.between(polled, clock.instant()).compareTo(pollWindow) > 0) {
            return Verdict.down("no poll within " + pollWindow.toSeconds() + " s");
        }
        return Verdict.up("consuming " + assignedPartitions + " partition(s)");
    }

    public Verdict liveness() {
        BooleanSupplier consumers = running;
        if (consumers == null) {
            return Verdict.down("consumer not started");
        }
        if (!consumers.getAsBoolean()) {
            return stopping ? Verdict.up("stopped on request") : Verdict.down("consumer thread died");
        }
        long backlog = lag.getAsLong();
        Instant progress = lastProgress;
        if (backlog > 0 && progress != null
                && Duration.between(progress, clock.instant()).compareTo(stallTimeout) > 0) {
            return Verdict.down("lag " + backlog + " but no record settled for " + stallTimeout.toSeconds() + " s");
        }
        return Verdict.up("consumer running, lag " + (backlog < 0 ? "unknown" : Long.toString(backlog)));
    }

    public int assignedPartitions() {
        return assignedPartitions;
    }

    public String lastError() {
        return lastError;
    }

    /** A health verdict with a short human reason (never secrets or internals). */
    public record Verdict(boolean healthy, String detail) {
        static Verdict up(String detail) {
            return new Verdict(true, detail);
        }

        static Verdict down(String detail) {
            return new Verdict(false, detail);
        }
    }
}
