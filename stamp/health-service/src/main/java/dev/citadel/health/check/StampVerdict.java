package dev.citadel.health.check;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code /health/stamp}: the cached results of every check plus the state switch, read live.
 *
 * @param status   {@code healthy} (200) or {@code unhealthy} (503)
 * @param region   the stamp
 * @param checkedAt when the round behind this verdict started; {@code null} before the first round
 * @param checks   one entry per enabled check
 */
public record StampVerdict(String status, String region, Instant checkedAt, List<Entry> checks) {

    public boolean healthy() {
        return "healthy".equals(status);
    }

    /** The checks whose failure means a dependency the stamp needs is gone (not a score or an operator's switch). */
    static final java.util.Set<String> DEPENDENCY_CHECKS = java.util.Set.of("database", "message-broker");

    /**
     * Why the stamp is unhealthy, for the edge ({@code X-Citadel-Verdict}): {@code dependency-down} when Cassandra or
     * Kafka is down (the edge ejects at once), {@code unhealthy} otherwise (a red score, out of rotation, not checked
     * yet: the edge's probe window decides); null when healthy.
     */
    public String reason() {
        if (healthy()) {
            return null;
        }
        for (Entry e : checks) {
            if (DEPENDENCY_CHECKS.contains(e.name()) && "DOWN".equals(e.status())) {
                return "dependency-down";
            }
        }
        return "unhealthy";
    }

    /**
     * @param name       the check
     * @param status     {@code UP}, {@code DOWN}, or {@code PENDING} before its first run
     * @param durationMs how long its latest run took
     * @param lastRun    when its latest run started
     * @param detail     one line for the operator
     */
    public record Entry(String name, String status, long durationMs, Instant lastRun, String detail) {

        static Entry of(CheckResult r) {
            return new Entry(r.name(), r.status().name(), r.duration().toMillis(), r.lastRun(), r.detail());
        }

        static Entry pending(String name) {
            return new Entry(name, "PENDING", 0, null, "not run yet");
        }
    }
}
