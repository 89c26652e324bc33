package dev.citadel.health.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs every enabled check in parallel once per interval, bounds the round by the overall timeout, and caches the
 * {@link Round}. Probes only ever read {@link #latest()}: their number never changes how often a dependency is
 * called. A check still running from an earlier round is not started again (it is reported down instead), so a
 * hanging dependency cannot pile up threads.
 */
public final class CheckRunner implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    private final List<HealthCheck> checks;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final DependencyCalls calls;
    private final Map<String, Future<Timed>> inFlight = new HashMap<>();
    private volatile Round latest;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;

    public CheckRunner(List<HealthCheck> checks, Duration interval, Duration timeout, Clock clock,
            DependencyCalls calls) {
        this.checks = List.copyOf(checks);
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        this.calls = calls;
    }

    /** The latest completed round; empty before the first one finished. */
    public Optional<Round> latest() {
        return Optional.ofNullable(latest);
    }

    public List<String> checkNames() {
        return checks.stream().map(HealthCheck::name).toList();
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        workers = Executors.newCachedThreadPool(daemon("health-check-"));
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("health-rounds-"));
        scheduler.scheduleAtFixedRate(this::safeRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            workers.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void safeRound() {
        try {
            runRound();
        } catch (RuntimeException e) {
            // Never let one bad round cancel the schedule: the stamp would freeze on a stale verdict.
            LOG.warn("health round failed: {}", Failures.summary(e));
        }
    }

    /** One round, on the scheduler thread (package-private for tests that drive rounds by hand). */
    void runRound() {
        Instant startedAt = clock.instant();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, CheckResult> results = new LinkedHashMap<>();
        Map<String, Future<Timed>> started = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            Future<Timed> previous = inFlight.get(check.name());
            if (previous != null && !previous.isDone()) {
                results.put(check.name(), new CheckResult(check.name(), CheckStatus.DOWN,
                        "previous run still in progress", Duration.ZERO, startedAt));
                continue;
            }
            results.put(check.name(), null); // keeps configuration order
            Future<Timed> future = workers.submit(() -> timed(check));
            inFlight.put(check.name(), future);
            started.put(check.name(), future);
        }
        for (Map.Entry<String, Future<Timed>> e : started.entrySet()) {
            results.put(e.getKey(), await(e.getKey(), e.getValue(), deadline, startedAt));
        }
        latest = new Round(startedAt, clock.instant(), new ArrayList<>(results.values()));
        calls.roundCompleted();
    }

    private CheckResult await(String name, Future<Timed> future, long deadline, Instant startedAt) {
        try {
            Timed t = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new CheckResult(name, t.outcome().status(), t.outcome().detail(), t.duration(), startedAt);
        } catch (TimeoutException e) {
            return new CheckResult(name, CheckStatus.DOWN, "no answer within " + timeout, timeout, startedAt);
        } catch (ExecutionException e) {
            return new CheckResult(name, CheckStatus.DOWN, Failures.summary(e), Duration.ZERO, startedAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(name, CheckStatus.DOWN, "interrupted", Duration.ZERO, startedAt);
        }
    }

    private static Timed timed(HealthCheck check) {
        long t0 = System.nanoTime();
        CheckOutcome outcome;
        try {
            outcome = check.run();
        } catch (Exception e) {
            outcome = CheckOutcome.down(Failures.summary(e));
        }
        return new Timed(outcome, Duration.ofNanos(System.nanoTime() - t0));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record Timed(CheckOutcome outcome, Duration duration) {
    }
}
