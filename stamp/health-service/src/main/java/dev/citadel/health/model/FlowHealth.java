package dev.citadel.health.model;

import java.util.List;

/**
 * A user flow (list items, show item, add comment, show static content): the worst of its components.
 *
 * @param name       the flow
 * @param status     the worst component status
 * @param score      the lowest component score
 * @param components the components it depends on
 */
public record FlowHealth(String name, Level status, double score, List<ComponentHealth> components) {

    public FlowHealth {
        components = List.copyOf(components);
    }

    static FlowHealth of(String name, List<ComponentHealth> components) {
        return new FlowHealth(name, Level.worst(components.stream().map(ComponentHealth::status).toList()),
                components.stream().mapToDouble(ComponentHealth::score).min().orElse(1.0), components);
    }
}
