package dev.citadel.edge.waf;

import java.util.List;

/**
 * The outcome of an inspection. {@code referenceId} is set whenever the request was (or, in detection mode,
 * would have been) refused, so the client's error page and the log line can be joined; it is null otherwise.
 */
public record WafVerdict(Action action, int anomalyScore, List<RuleMatch> matches, String referenceId,
                         boolean detectionOnly) {

    public enum Action {
        ALLOW,
        /** Anomaly score reached the threshold in prevention mode: answer 403. */
        BLOCK,
        /** Body larger than the inspection limit: answer 413 (uninspected bytes never reach an origin). */
        TOO_LARGE
    }

    public WafVerdict {
        matches = List.copyOf(matches);
    }

    public boolean allowed() {
        return action == Action.ALLOW;
    }

    public List<String> matchedRuleIds() {
        return matches.stream().map(RuleMatch::ruleId).toList();
    }
}
