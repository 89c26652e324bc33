package dev.citadel.cli.services;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code up} does with the services that outlived a killed supervisor: the new supervisor takes over
 * ({@code adopt}) each one whose launch spec in the new plan is exactly the one it was started from (same argv — so
 * the same jar snapshot and class archive —, environment and work directory); the others ({@code stop}: rebuilt,
 * reconfigured, or gone from the plan) are stopped and started afresh. A pure decision, tested without processes.
 */
public record ServiceAdoption(Map<String, Long> adopt, Map<String, Long> stop) {

    public ServiceAdoption {
        adopt = Map.copyOf(adopt);
        stop = Map.copyOf(stop);
    }

    /** What the new supervisor reads from {@link RunLayout#servicesAdopt()}: service name to pid. */
    public record Adoptions(Map<String, Long> pids) {}

    public static ServiceAdoption decide(Optional<ServicePlan> previous, ServicePlan next, Map<String, Long> living) {
        Map<String, Long> adopt = new LinkedHashMap<>();
        Map<String, Long> stop = new LinkedHashMap<>();
        living.forEach((name, pid) -> {
            Optional<ServiceSpec> before = previous.flatMap(p -> find(p, name));
            Optional<ServiceSpec> after = find(next, name);
            if (before.isPresent() && before.equals(after)) {
                adopt.put(name, pid);
            } else {
                stop.put(name, pid);
            }
        });
        return new ServiceAdoption(adopt, stop);
    }

    private static Optional<ServiceSpec> find(ServicePlan plan, String name) {
        return plan.services().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
