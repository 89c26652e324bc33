package dev.citadel.edge.origin;

import dev.citadel.edge.origin.OriginRegistry.OriginView;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Front Door's selection: among enabled, weighted, healthy origins of the group take the lowest priority value,
 * then pick by weighted random. If no origin is healthy the edge fails open to the enabled ones, because a broken
 * probe path must not turn into a full outage while the origins may still answer.
 */
public final class OriginSelector {
    private final OriginRegistry registry;

    public OriginSelector(OriginRegistry registry) {
        this.registry = registry;
    }

    /**
     * The enabled origin of {@code group} that belongs to {@code stamp}, healthy or not: an operator asking one
     * stamp for its own health must reach that stamp, especially when it is sick. Null when there is none.
     */
    public OriginView selectStamp(String group, String stamp) {
        for (OriginView v : registry.group(group)) {
            if (v.enabled() && stamp.equals(v.origin().stamp())) {
                return v;
            }
        }
        return null;
    }

    /** @return the chosen origin, or null when the group has nothing left to try. */
    public OriginView select(String group, Set<String> exclude, RandomGenerator random) {
        List<OriginView> candidates = registry.group(group);
        OriginView chosen = pick(candidates, exclude, true, random);
        // Fail open: no healthy origin left, so try the enabled ones anyway.
        return chosen != null ? chosen : pick(candidates, exclude, false, random);
    }

    /**
     * Weighted random among the usable candidates of the lowest priority value. Loops instead of streams and
     * lists: this runs for every request and every retry.
     */
    private OriginView pick(List<OriginView> candidates, Set<String> exclude, boolean healthyOnly,
                            RandomGenerator random) {
        int best = Integer.MAX_VALUE;
        int total = 0;
        for (OriginView v : candidates) {
            if (usable(v, exclude, healthyOnly)) {
                int priority = v.origin().priority();
                if (priority < best) {
                    best = priority;
                    total = v.weight();
                } else if (priority == best) {
                    total += v.weight();
                }
            }
        }
        if (total == 0) {
            return null;
        }
        int pick = random.nextInt(total);
        OriginView last = null;
        for (OriginView v : candidates) {
            if (v.origin().priority() == best && usable(v, exclude, healthyOnly)) {
                last = v;
                pick -= v.weight();
                if (pick < 0) {
                    return v;
                }
            }
        }
        return last;
    }

    private boolean usable(OriginView v, Set<String> exclude, boolean healthyOnly) {
        return v.enabled() && v.weight() > 0 && !exclude.contains(v.origin().name())
                && (!healthyOnly || registry.health(v.origin().name()).healthy());
    }
}
