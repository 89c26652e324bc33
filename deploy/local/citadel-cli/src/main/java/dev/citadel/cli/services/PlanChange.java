package dev.citadel.cli.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a running supervisor does when {@code services-plan.json} changes under it (a release adds its new unit's
 * services, and later removes the old unit's): start the services new to the plan, stop those gone from it, leave the
 * rest alone — also one whose spec changed, which only a new supervisor ({@code up}) replaces. A pure decision.
 */
public record PlanChange(List<ServiceSpec> start, List<String> stop) {

    public PlanChange {
        start = List.copyOf(start);
        stop = List.copyOf(stop);
    }

    public static PlanChange between(Set<String> running, ServicePlan next) {
        List<ServiceSpec> start = next.services().stream().filter(s -> !running.contains(s.name())).toList();
        Set<String> kept = next.services().stream().map(ServiceSpec::name).collect(Collectors.toSet());
        List<String> stop = new ArrayList<>(running.stream().filter(name -> !kept.contains(name)).sorted().toList());
        return new PlanChange(start, stop);
    }

    public boolean isEmpty() {
        return start.isEmpty() && stop.isEmpty();
    }
}
