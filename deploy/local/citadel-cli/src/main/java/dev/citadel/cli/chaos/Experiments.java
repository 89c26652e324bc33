package dev.citadel.cli.chaos;

import dev.citadel.cli.release.ReleaseUnit;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue: every kind of part killed (SIGKILL) and paused (SIGSTOP for {@code hold}) in the target region —
 * each stamp service, the stamp's Kafka broker, its Cassandra node (the whole data centre: one node per DC here) — the
 * edge, a whole stamp killed at once, CPU starvation of a stamp, and a network partition between the data centres.
 */
public final class Experiments {

    /** The stamp's share of CPU while starved: a tenth of what it would get. */
    static final double STARVED_SHARE = 0.1;

    private final Map<String, Experiment> byName = new LinkedHashMap<>();

    private Experiments(List<Experiment> experiments) {
        experiments.forEach(e -> byName.put(e.name(), e));
    }

    public static Experiments of(Topology topology, String region, Duration hold) {
        return of(topology, region, hold, ReleaseUnit.A);
    }

    /** The catalogue against {@code unit}'s stamp services and Kafka broker (the release unit that serves). */
    public static Experiments of(Topology topology, String region, Duration hold, ReleaseUnit unit) {
        Topology.Region target = topology.regions().stream().filter(r -> r.name().equals(region)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no region '" + region + "' in the topology"));
        List<Experiment> list = new ArrayList<>();
        List<String> stampParts = new ArrayList<>();
        for (ServiceKind kind : List.of(ServiceKind.CATALOG_API, ServiceKind.BACKGROUND_PROCESSOR,
                ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI, ServiceKind.EGRESS_FIREWALL)) {
            String component = unit.name(kind.component(region));
            stampParts.add(component);
            killAndPause(list, kind.id(), component, hold);
        }
        String kafka = unit.broker(region);
        String cassandra = "cassandra-" + region;
        stampParts.add(kafka);
        killAndPause(list, "kafka", kafka, hold);
        killAndPause(list, "cassandra", cassandra, hold);
        killAndPause(list, "edge", ServiceKind.EDGE.component(null), hold);
        list.add(new Experiment("kill-stamp", "SIGKILL to every process of the " + region + " stamp at once ("
                + String.join(", ", stampParts) + ")", () -> new KillFault(stampParts)));
        list.add(new Experiment("starve-stamp", String.format("the %s stamp gets %.0f %% of its CPU for %d s",
                region, STARVED_SHARE * 100, hold.toSeconds()),
                () -> new CpuStarvationFault(stampParts, hold, STARVED_SHARE)));
        topology.regions().stream().filter(r -> !r.name().equals(region)).findFirst().ifPresent(other -> {
            String a = target.cassandra().address();
            String b = other.cassandra().address();
            list.add(new Experiment("partition-dcs", "no packet between the data centres " + target.cassandra().dataCenter()
                    + " (" + a + ") and " + other.cassandra().dataCenter() + " (" + b + ") for " + hold.toSeconds() + " s",
                    () -> new PartitionFault(a, b, hold)));
        });
        return new Experiments(list);
    }

    private static void killAndPause(List<Experiment> list, String kind, String component, Duration hold) {
        list.add(new Experiment("kill-" + kind, "SIGKILL to " + component, () -> new KillFault(List.of(component))));
        list.add(new Experiment("pause-" + kind, "SIGSTOP to " + component + " for " + hold.toSeconds() + " s",
                () -> new PauseFault(List.of(component), hold)));
    }

    public List<Experiment> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Experiment> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
