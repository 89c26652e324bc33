package dev.citadel.edge.waf;

import java.util.List;

/**
 * The runtime-switchable part of the WAF, as one immutable snapshot: mode, inbound anomaly threshold (CRS
 * default 5: one critical match blocks), body inspection limit (a larger body is refused with 413 rather than
 * passed uninspected) and rule exclusions.
 */
public record WafPolicy(WafMode mode, int inboundAnomalyThreshold, int maxBodyBytes, List<RuleExclusion> exclusions) {

    public static final int DEFAULT_THRESHOLD = 5;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public WafPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("waf.mode must be PREVENTION or DETECTION");
        }
        if (inboundAnomalyThreshold < 1) {
            throw new IllegalArgumentException("waf.inboundAnomalyThreshold must be >= 1, was " + inboundAnomalyThreshold);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("waf.maxBodyBytes must be >= 0, was " + maxBodyBytes);
        }
        exclusions = List.copyOf(exclusions);
    }

    public static WafPolicy defaults() {
        return new WafPolicy(WafMode.PREVENTION, DEFAULT_THRESHOLD, DEFAULT_MAX_BODY_BYTES, List.of());
    }

    public WafPolicy withMode(WafMode newMode) {
        return new WafPolicy(newMode, inboundAnomalyThreshold, maxBodyBytes, exclusions);
    }

    public WafPolicy withExclusions(List<RuleExclusion> newExclusions) {
        return new WafPolicy(mode, inboundAnomalyThreshold, maxBodyBytes, newExclusions);
    }
}
