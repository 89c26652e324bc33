package dev.citadel.edge.origin;

import dev.citadel.edge.origin.OriginRegistry.OriginView;
import java.util.ArrayList;
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
        List<OriginView> usable = new ArrayList<>();
        List<OriginView> failOpen = new ArrayList<>();
        for (OriginView v : registry.group(group)) {
            if (!v.enabled() || v.weight() <= 0 || exclude.contains(v.origin().name())) {
                continue;
            }
            failOpen.add(v);
            if (registry.health(v.origin().name()).healthy()) {
                usable.add(v);
            }
        }
        List<OriginView> pool = usable.isEmpty() ? failOpen : usable;
        if (pool.isEmpty()) {
            return null;
        }
        int best = pool.stream().mapToInt(v -> v.origin().priority()).min().getAsInt();
        List<OriginView> tier = pool.stream().filter(v -> v.origin().priority() == best).toList();
        int total = tier.stream().mapToInt(OriginView::weight).sum();
        int pick = random.nextInt(total);
        for (OriginView v : tier) {
            pick -= v.weight();
            if (pick < 0) {
                return v;
            }
        }
        return tier.get(tier.size() - 1);
    }
}
