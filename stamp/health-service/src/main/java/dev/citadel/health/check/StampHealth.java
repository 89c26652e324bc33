package dev.citadel.health.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the verdict every probe gets, from the cache only: the runner's latest round, plus the state switch read
 * live (an in-memory flag, so an operator's "out" takes effect on the very next probe) and the database driver's
 * pushed word that the stamp's DC is down (so a killed node turns the verdict red at once, not at the next round).
 * Healthy means a round has completed and every enabled check is up; before the first round the stamp is unhealthy.
 */
public final class StampHealth {

    private final String region;
    private final CheckRunner runner;
    private final HealthCheck liveCheck;
    private final Clock clock;
    private final Supplier<String> databaseDownNow;

    /** @param liveCheck a dependency-free check evaluated on every read (the state switch), or {@code null} */
    public StampHealth(String region, CheckRunner runner, HealthCheck liveCheck, Clock clock) {
        this(region, runner, liveCheck, clock, () -> null);
    }

    /**
     * @param databaseDownNow read on every probe: a detail when the database driver already knows the stamp's DC is
     *                        down (pushed by the driver, ahead of the next round), else null
     */
    public StampHealth(String region, CheckRunner runner, HealthCheck liveCheck, Clock clock,
            Supplier<String> databaseDownNow) {
        this.region = region;
        this.runner = runner;
        this.liveCheck = liveCheck;
        this.clock = clock;
        this.databaseDownNow = databaseDownNow;
    }

    public StampVerdict verdict() {
        Optional<Round> round = runner.latest();
        List<StampVerdict.Entry> entries = new ArrayList<>();
        boolean healthy = round.isPresent();
        if (round.isPresent()) {
            String pushed = databaseDownNow.get();
            for (CheckResult r : round.get().results()) {
                if (pushed != null && r.up() && DatabaseCheck.NAME.equals(r.name())) {
                    r = new CheckResult(r.name(), CheckStatus.DOWN, pushed, Duration.ZERO, clock.instant());
                }
                entries.add(StampVerdict.Entry.of(r));
                healthy &= r.up();
            }
        } else {
            runner.checkNames().forEach(n -> entries.add(StampVerdict.Entry.pending(n)));
        }
        if (liveCheck != null) {
            CheckResult live = live();
            entries.add(StampVerdict.Entry.of(live));
            healthy &= live.up();
        }
        return new StampVerdict(healthy ? "healthy" : "unhealthy", region,
                round.map(Round::startedAt).orElse(null), entries);
    }

    private CheckResult live() {
        Instant now = clock.instant();
        try {
            CheckOutcome o = liveCheck.run();
            return new CheckResult(liveCheck.name(), o.status(), o.detail(), Duration.ZERO, now);
        } catch (Exception e) {
            return new CheckResult(liveCheck.name(), CheckStatus.DOWN, Failures.summary(e), Duration.ZERO,
                    now);
        }
    }
}
