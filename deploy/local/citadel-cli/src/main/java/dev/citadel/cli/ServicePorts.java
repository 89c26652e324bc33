package dev.citadel.cli;

import dev.citadel.cli.plan.Endpoint;
import dev.citadel.cli.release.ReleaseUnit;
import dev.citadel.cli.services.ServiceCommandLines;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.supervisor.PortProbe;
import dev.citadel.cli.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/** The services' and the edge's listeners, checked before anything starts (like the engines' ports). */
final class ServicePorts {

    private ServicePorts() {}

    static List<Endpoint> of(Topology topology) {
        return of(topology, ReleaseUnit.A);
    }

    /** The listeners of {@code unit}'s stamp services (its addresses and names) and of the edge. */
    static List<Endpoint> of(Topology topology, ReleaseUnit unit) {
        List<Endpoint> endpoints = new ArrayList<>();
        Topology placed = unit.place(topology);
        for (Topology.Region region : placed.regions()) {
            for (ServiceKind kind : List.of(ServiceKind.CATALOG_API, ServiceKind.BACKGROUND_PROCESSOR,
                    ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI)) {
                var node = ServiceCommandLines.node(kind, placed.stamp(region.name()));
                String name = unit.name(kind.component(region.name()));
                if (kind != ServiceKind.BACKGROUND_PROCESSOR) {
                    endpoints.add(new Endpoint(node.address(), node.port(), name + " HTTPS"));
                }
                endpoints.add(new Endpoint(node.address(), node.managementPort(), name + " management"));
            }
        }
        var edge = topology.edge();
        endpoints.add(new Endpoint(edge.address(), edge.port(), "edge HTTPS"));
        endpoints.add(new Endpoint(edge.address(), edge.managementPort(), "edge management"));
        return endpoints;
    }

    static void requireFree(Topology topology) {
        requireFree(topology, ReleaseUnit.A, java.util.Set.of());
    }

    /**
     * Like {@link #requireFree(Topology)} for {@code unit}'s listeners, except those of {@code running} services
     * (kept by `up`).
     */
    static void requireFree(Topology topology, ReleaseUnit unit, java.util.Set<String> running) {
        List<Endpoint> busy = PortProbe.busy(of(topology, unit).stream()
                .filter(e -> running.stream().noneMatch(name -> e.role().startsWith(name + " ")))
                .toList());
        if (!busy.isEmpty()) {
            throw new ExitException(ExitCode.PORT_BUSY, "port already in use, nothing was started:\n  "
                    + String.join("\n  ", busy.stream().map(Endpoint::toString).toList())
                    + "\nstop whatever listens there, or change the topology file");
        }
    }
}
