package dev.citadel.edge.origin;

import dev.citadel.edge.origin.OriginRegistry.OriginView;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Front Door's selection: among enabled, weighted, healthy origins of the group take the lowest priority value,
 * then pick by weighted random. If no origin is healthy the edge panics like Envoy below its panic threshold: it
 * keeps sending to the least bad enabled origins ({@link OriginHealth#badness()}: one that failed its probes before
 * one ejected on live failures, that before one whose dependencies are down), because a group must never have zero
 * origins while one may still serve.
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
        return select(group, exclude, random, false);
    }

    /**
     * The origin for the retry of a failed attempt: like {@link #select}, but only among the untried origins of the
     * highest weight. Weights say how far the operator trusts an origin: during a release the old unit holds 90 and
     * the new one 10, so the retry of an attempt the new unit failed goes to the old unit, never to the new unit of
     * another region, which would fail it the same way. With equal weights (normal operation) it is any other
     * origin, as {@link #select} would choose.
     */
    public OriginView selectRetry(String group, Set<String> exclude, RandomGenerator random) {
        return select(group, exclude, random, true);
    }

    private OriginView select(String group, Set<String> exclude, RandomGenerator random, boolean heaviest) {
        List<OriginView> candidates = registry.group(group);
        OriginView chosen = pick(candidates, exclude, OriginHealth.HEALTHY, random, heaviest);
        if (chosen != null) {
            return chosen;
        }
        // Panic: no healthy origin left, so send to the least bad of the enabled ones.
        int least = Integer.MAX_VALUE;
        for (OriginView v : candidates) {
            if (v.enabled() && v.weight() > 0 && !exclude.contains(v.origin().name())) {
                least = Math.min(least, registry.health(v.origin().name()).badness());
            }
        }
        return least == Integer.MAX_VALUE ? null : pick(candidates, exclude, least, random, heaviest);
    }

    /**
     * Weighted random among the usable candidates of the lowest priority value ({@code heaviest}: of those, only the
     * ones of the highest weight). Loops instead of streams and lists: this runs for every request and every retry.
     */
    private OriginView pick(List<OriginView> candidates, Set<String> exclude, int badness,
                            RandomGenerator random, boolean heaviest) {
        int best = Integer.MAX_VALUE;
        int heaviestWeight = 0;
        int total = 0;
        for (OriginView v : candidates) {
            if (usable(v, exclude, badness)) {
                int priority = v.origin().priority();
                if (priority < best) {
                    best = priority;
                    heaviestWeight = v.weight();
                    total = v.weight();
                } else if (priority == best) {
                    if (heaviest && v.weight() > heaviestWeight) {
                        heaviestWeight = v.weight();
                        total = 0;
                    }
                    if (!heaviest || v.weight() == heaviestWeight) {
                        total += v.weight();
                    }
                }
            }
        }
        if (total == 0) {
            return null;
        }
        int pick = random.nextInt(total);
        OriginView last = null;
        for (OriginView v : candidates) {
            if (v.origin().priority() == best && usable(v, exclude, badness)
                    && (!heaviest || v.weight() == heaviestWeight)) {
                last = v;
                pick -= v.weight();
                if (pick < 0) {
                    return v;
                }
            }
        }
        return last;
    }

    /** Healthy means badness 0 and vice versa, so one comparison serves normal and panic selection. */
    private boolean usable(OriginView v, Set<String> exclude, int badness) {
        if (!v.enabled() || v.weight() <= 0 || exclude.contains(v.origin().name())) {
            return false;
        }
        OriginHealth h = registry.health(v.origin().name());
        return badness == OriginHealth.HEALTHY ? h.healthy() : h.badness() == badness;
    }

    /** True when no other enabled, weighted origin of {@code group} is healthy: ejecting this one would empty it. */
    public boolean lastServing(String group, String name) {
        for (OriginView v : registry.group(group)) {
            if (!v.origin().name().equals(name) && v.enabled() && v.weight() > 0
                    && registry.health(v.origin().name()).healthy()) {
                return false;
            }
        }
        return true;
    }
}
