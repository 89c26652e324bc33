package dev.citadel.health.check;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every call health-service makes to a dependency, by dependency, and every completed round of checks.
 * The proof that probes never fan out: probes read the cache, so only rounds move these counters
 * ({@code citadel.health.dependency.calls{dependency=...}}, {@code citadel.health.rounds}).
 */
public final class DependencyCalls {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder rounds = new LongAdder();
    private final MeterRegistry registry;

    public DependencyCalls(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("citadel.health.rounds", rounds, LongAdder::doubleValue)
                .description("Completed rounds of background checks")
                .register(registry);
    }

    /** One call to {@code dependency} is about to be made. */
    public void record(String dependency) {
        calls.computeIfAbsent(dependency, d -> {
            LongAdder adder = new LongAdder();
            FunctionCounter.builder("citadel.health.dependency.calls", adder, LongAdder::doubleValue)
                    .description("Calls made to a dependency by the background checks")
                    .tag("dependency", d)
                    .register(registry);
            return adder;
        }).increment();
    }

    void roundCompleted() {
        rounds.increment();
    }

    /** Calls to every dependency so far. */
    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rounds() {
        return rounds.sum();
    }
}
