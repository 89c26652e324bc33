package dev.citadel.edge.origin;

import dev.citadel.edge.config.EdgeProperties;
import dev.citadel.edge.config.EdgeProperties.Origin;
import dev.citadel.edge.config.EdgeProperties.OriginGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The live set of origins. Operator changes (weight, enable/disable) swap an immutable snapshot through an
 * AtomicReference: requests in flight keep the snapshot they read, new requests see the change at once, and no
 * connection is touched. Health is per origin and mutable on its own ({@link OriginHealth}).
 */
public final class OriginRegistry {
    /** One origin as the selector sees it: its configuration plus the operator's current weight and switch. */
    public record OriginView(String group, Origin origin, int weight, boolean enabled) {}

    /** One immutable state of every origin, with the per-group lists precomputed: selection runs per request. */
    private record Snapshot(Map<String, OriginView> byName, List<OriginView> all, Map<String, List<OriginView>> byGroup) {
        static Snapshot of(List<String> orderedNames, Map<String, OriginView> byName) {
            List<OriginView> all = orderedNames.stream().map(byName::get).toList();
            Map<String, List<OriginView>> byGroup = new LinkedHashMap<>();
            for (OriginView v : all) {
                byGroup.computeIfAbsent(v.group(), g -> new ArrayList<>()).add(v);
            }
            byGroup.replaceAll((g, list) -> List.copyOf(list));
            return new Snapshot(Map.copyOf(byName), all, Map.copyOf(byGroup));
        }
    }

    private final AtomicReference<Snapshot> snapshot;
    private final Map<String, OriginHealth> health = new LinkedHashMap<>();

    public OriginRegistry(EdgeProperties props) {
        Map<String, OriginView> views = new LinkedHashMap<>();
        for (OriginGroup g : props.originGroups()) {
            for (Origin o : g.origins()) {
                views.put(o.name(), new OriginView(g.name(), o, o.weight(), o.enabled()));
                health.put(o.name(), new OriginHealth(props.probes().sampleSize(),
                        props.probes().requiredSuccesses(), props.ejection().consecutiveFailures()));
            }
        }
        orderedNames = List.copyOf(views.keySet());
        snapshot = new AtomicReference<>(Snapshot.of(orderedNames, views));
    }

    private final List<String> orderedNames;

    /** Origins in configuration order (stable output for the admin API). */
    public List<OriginView> all() {
        return snapshot.get().all();
    }

    public List<OriginView> group(String group) {
        return snapshot.get().byGroup().getOrDefault(group, List.of());
    }

    public Optional<OriginView> find(String name) {
        return Optional.ofNullable(snapshot.get().byName().get(name));
    }

    public OriginHealth health(String name) {
        return health.get(name);
    }

    public boolean setWeight(String name, int weight) {
        return update(name, v -> new OriginView(v.group(), v.origin(), weight, v.enabled()));
    }

    public boolean setEnabled(String name, boolean enabled) {
        return update(name, v -> new OriginView(v.group(), v.origin(), v.weight(), enabled));
    }

    /** The edge id sent to this origin from now on (requests and probes), e.g. after its file was rotated. */
    public boolean setEdgeId(String name, dev.citadel.edge.config.Secret id) {
        return update(name, v -> new OriginView(v.group(), v.origin().withEdgeId(id), v.weight(), v.enabled()));
    }

    private boolean update(String name, UnaryOperator<OriginView> change) {
        if (!health.containsKey(name)) {
            return false;
        }
        snapshot.updateAndGet(old -> {
            Map<String, OriginView> next = new LinkedHashMap<>(old.byName());
            next.computeIfPresent(name, (k, v) -> change.apply(v));
            return Snapshot.of(orderedNames, next);
        });
        return true;
    }
}
