package dev.citadel.health.model;

import java.util.List;

/**
 * One component of the stamp (catalog-api, background-processor, kafka, cassandra, web-ui).
 *
 * @param name    the component
 * @param status  the worst of its signals, or {@code unknown} when its signal source could not be read
 * @param score   1 − 0.25·(any yellow or unknown) − 0.5·(any red)
 * @param source  where its signals come from
 * @param note    why it is unknown or unmonitored, if it is
 * @param signals the values behind the status
 */
public record ComponentHealth(String name, Level status, double score, String source, String note,
        List<SignalValue> signals) {

    public ComponentHealth {
        signals = List.copyOf(signals);
    }

    static ComponentHealth of(String name, String source, List<SignalValue> signals) {
        List<Level> levels = signals.stream().map(SignalValue::status).toList();
        return new ComponentHealth(name, Level.worst(levels), Scoring.score(levels), source, null, signals);
    }

    static ComponentHealth unknown(String name, String source, String reason) {
        return new ComponentHealth(name, Level.UNKNOWN, Scoring.score(List.of(Level.UNKNOWN)), source, reason,
                List.of());
    }

    static ComponentHealth unmonitored(String name, String reason) {
        return new ComponentHealth(name, Level.GREEN, 1.0, "none", reason, List.of());
    }
}
