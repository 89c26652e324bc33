package dev.citadel.health.check;

import java.time.Instant;
import java.util.List;

/**
 * One completed round of checks: what every probe reads until the next round replaces it.
 *
 * @param startedAt   when the round began
 * @param completedAt when its last result came in (or the timeout hit)
 * @param results     one per enabled check, in configuration order
 */
public record Round(Instant startedAt, Instant completedAt, List<CheckResult> results) {

    public Round {
        results = List.copyOf(results);
    }

    public boolean allUp() {
        return results.stream().allMatch(CheckResult::up);
    }

    public CheckResult result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
