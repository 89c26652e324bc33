package dev.citadel.health.model;

import java.time.Instant;
import java.util.List;

/**
 * The whole health model tree of the stamp, as served by {@code GET /health/model}: the stamp takes the worst of
 * its flows, a flow the worst of its components, a component the worst of its signals.
 *
 * @param region      the stamp
 * @param evaluatedAt when the signals were read; {@code null} before the first evaluation
 * @param window      the window of rates and means, ISO-8601
 * @param status      the stamp's status; red makes {@code /health/stamp} answer 503
 * @param score       the lowest flow score
 * @param flows       the user flows with their components
 */
public record ModelSnapshot(String region, Instant evaluatedAt, String window, Level status, double score,
        List<FlowHealth> flows) {

    public ModelSnapshot {
        flows = List.copyOf(flows);
    }

    static ModelSnapshot of(String region, Instant evaluatedAt, String window, List<FlowHealth> flows) {
        return new ModelSnapshot(region, evaluatedAt, window,
                Level.worst(flows.stream().map(FlowHealth::status).toList()),
                flows.stream().mapToDouble(FlowHealth::score).min().orElse(1.0), flows);
    }

    /** Before the first evaluation: nothing is known yet. */
    public static ModelSnapshot notEvaluated(String region, String window) {
        return new ModelSnapshot(region, null, window, Level.UNKNOWN, 0.0, List.of());
    }
}
