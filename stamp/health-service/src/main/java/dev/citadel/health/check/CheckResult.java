package dev.citadel.health.check;

import java.time.Duration;
import java.time.Instant;

/**
 * The cached result of a check's latest run, as served by {@code /health/stamp}.
 *
 * @param name     the check
 * @param status   its verdict
 * @param detail   one line for the operator
 * @param duration how long the run took (up to the timeout when it did not finish)
 * @param lastRun  when the run started
 */
public record CheckResult(String name, CheckStatus status, String detail, Duration duration, Instant lastRun) {

    public boolean up() {
        return status == CheckStatus.UP;
    }
}
