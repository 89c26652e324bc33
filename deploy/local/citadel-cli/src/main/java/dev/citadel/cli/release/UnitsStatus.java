package dev.citadel.cli.release;

import dev.citadel.cli.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The release units part of {@code status}: each unit that exists (the serving one, and during a release the one
 * being released), its version, its share of the edge's weight and the health the edge's probes give its origins.
 * A pure function of the serving unit, the topology and what the edge's {@code GET /origins} answered.
 */
public final class UnitsStatus {

    /** One origin as the edge's operator view lists it. */
    public record EdgeOrigin(String name, int weight, boolean healthy) {}

    private UnitsStatus() {}

    /**
     * @param origins the edge's origins; {@code edgeProblem} (non-null) says why they could not be read
     */
    public static String render(ServingUnit serving, Topology topology, List<EdgeOrigin> origins, String edgeProblem) {
        int total = origins.stream().mapToInt(EdgeOrigin::weight).sum();
        StringBuilder s = new StringBuilder(String.format("%n%-5s %-8s %-36s %-12s %s%n", "UNIT", "ROLE", "VERSION",
                "EDGE WEIGHT", "HEALTH"));
        for (ReleaseUnit unit : serving.units()) {
            Set<String> names = Set.copyOf(unit.origins(topology));
            List<EdgeOrigin> own = origins.stream().filter(o -> names.contains(o.name())).toList();
            String weight;
            String health;
            if (edgeProblem != null) {
                weight = "unknown";
                health = "unknown (" + edgeProblem + ")";
            } else if (own.isEmpty()) {
                weight = "-";
                health = "not at the edge";
            } else {
                int sum = own.stream().mapToInt(EdgeOrigin::weight).sum();
                weight = total == 0 ? "0 %" : String.format(Locale.ROOT, "%d %%", Math.round(100.0 * sum / total));
                List<String> unhealthy = own.stream().filter(o -> !o.healthy()).map(EdgeOrigin::name).sorted().toList();
                health = unhealthy.isEmpty() ? "healthy (" + own.size() + " of " + names.size() + " origins)"
                        : "UNHEALTHY (" + unhealthy.size() + " of " + own.size() + " origins: "
                        + String.join(", ", unhealthy) + ")";
                if (unhealthy.isEmpty() && own.size() < names.size()) {
                    health = "partly at the edge (" + own.size() + " of " + names.size() + " origins)";
                }
            }
            String role = unit == serving.unit() ? "serving" : "release";
            s.append(String.format("%-5s %-8s %-36s %-12s %s%n", unit.label(), role, serving.versionOf(unit), weight,
                    health));
        }
        serving.release().filter(ReleaseState::inProgress).ifPresent(r -> s.append(String.format(
                "release in progress (pid %d): unit %s %s%n", r.pid(), r.candidate(), r.phase())));
        return s.toString();
    }

    /** The origins of a {@code GET /origins} answer, by name. */
    public static List<EdgeOrigin> parse(tools.jackson.databind.JsonNode answer) {
        Map<String, EdgeOrigin> byName = new TreeMap<>();
        if (answer != null && answer.isArray()) {
            for (var o : answer) {
                String name = o.path("name").asString("");
                if (!name.isEmpty()) {
                    byName.put(name, new EdgeOrigin(name, o.path("weight").asInt(0), o.path("healthy").asBoolean(false)));
                }
            }
        }
        return new ArrayList<>(byName.values());
    }
}
