package dev.citadel.cli.services;

import dev.citadel.cli.topology.Topology;
import dev.citadel.platform.engines.process.LaunchPrefix;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.cli.topology.Topology.ServiceNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * What the supervisor launches, in start order: every stamp's services (catalog-api, background-processor,
 * health-service, web-ui), then the edge. A pure function of the topology, the run layout and which files exist
 * (jars, their extracted copies and class archives: {@link ClassDataSharing}): a service whose jar is not built is listed in {@code skipped} with the reason instead of failing the whole {@code up}.
 */
public record ServicePlan(List<ServiceSpec> services, List<String> skipped) {

    /** In start order: the egress firewall before catalog-api, whose image fetches go through it. */
    static final List<ServiceKind> STAMP_SERVICES = List.of(ServiceKind.EGRESS_FIREWALL, ServiceKind.CATALOG_API, ServiceKind.BACKGROUND_PROCESSOR,
            ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI);

    private static final BiFunction<ServiceKind, String, LaunchPrefix> NO_ZONES = (kind, region) -> LaunchPrefix.NONE;

    public ServicePlan {
        services = List.copyOf(services);
        skipped = List.copyOf(skipped);
    }

    public static ServicePlan of(Topology topology, RunLayout layout, Path home, String java, Predicate<Path> jarExists) {
        return of(topology, layout, home, java, jarExists, NO_ZONES, new ProcessIdentities(false));
    }

    /** Where each service is launched from: {@code zones} gives its argv prefix (isolated mode: its zone). */
    public static ServicePlan of(Topology topology, RunLayout layout, Path home, String java, Predicate<Path> jarExists,
                                 BiFunction<ServiceKind, String, LaunchPrefix> zones) {
        return of(topology, layout, home, java, jarExists, zones, new ProcessIdentities(false));
    }

    /** With {@code identities} separating users, every argv starts with the prefix that drops root to its account. */
    public static ServicePlan of(Topology topology, RunLayout layout, Path home, String java, Predicate<Path> jarExists,
                                 ProcessIdentities identities) {
        return of(topology, layout, home, java, jarExists, NO_ZONES, identities);
    }

    /** Each argv enters its zone first ({@code zones}), then drops root to its account ({@code identities}). */
    public static ServicePlan of(Topology topology, RunLayout layout, Path home, String java, Predicate<Path> jarExists,
                                 BiFunction<ServiceKind, String, LaunchPrefix> zones, ProcessIdentities identities) {
        return of(topology, layout, home, new ServiceJava(java, false), jarExists, zones, identities);
    }

    /** With {@code serviceJava}'s AOT cache in place of CDS archives when it has one (JDK 25+). */
    public static ServicePlan of(Topology topology, RunLayout layout, Path home, ServiceJava serviceJava,
                                 Predicate<Path> jarExists, BiFunction<ServiceKind, String, LaunchPrefix> zones,
                                 ProcessIdentities identities) {
        boolean own = identities.separate();
        String java = serviceJava.executable();
        boolean aot = serviceJava.aotCache();
        List<ServiceSpec> services = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Region region : topology.regions()) {
            for (ServiceKind kind : STAMP_SERVICES) {
                Path jar = home.resolve(kind.jar());
                String name = kind.component(region.name());
                if (!jarExists.test(jar)) {
                    skipped.add(name + ": " + jar + " is not built yet; skipped");
                    continue;
                }
                ServiceNode node = ServiceCommandLines.node(kind, topology.stamp(region.name()));
                Path launch = ClassDataSharing.launchJar(jar, kind, jarExists);
                services.add(new ServiceSpec(name, region.name(), kind, display(kind, node),
                        zones.apply(kind, region.name()).then(identities.prefix(kind, region.name()))
                                .apply(ServiceCommandLines.argv(java,
                                ClassDataSharing.options(launch, name, jarExists, own, aot), launch, kind, region, topology,
                                layout)),
                        Map.of("CITADEL_SECRETS_DIR", layout.secretsDir(kind, region.name()).toString(),
                                "CITADEL_REGION", region.name()),
                        layout.serviceDir(kind, region.name()).toString(), layout.logFile(name).toString(),
                        "https://" + node.address() + ":" + node.managementPort() + readinessPath(kind)));
            }
        }
        Path edgeJar = home.resolve(ServiceKind.EDGE.jar());
        if (jarExists.test(edgeJar)) {
            var edge = topology.edge();
            services.add(new ServiceSpec("edge", "global", ServiceKind.EDGE, edge.address() + ":" + edge.port(),
                    zones.apply(ServiceKind.EDGE, null).then(identities.prefix(ServiceKind.EDGE, null))
                            .apply(ServiceCommandLines.edgeArgv(java,
                            ClassDataSharing.options(edgeJar, "edge", jarExists, own, aot), edgeJar, topology, layout)),
                    Map.of(),
                    layout.serviceDir(ServiceKind.EDGE, null).toString(), layout.logFile("edge").toString(),
                    "https://" + edge.address() + ":" + edge.managementPort() + "/origins"));
        } else {
            skipped.add("edge: " + edgeJar + " is not built yet; skipped");
        }
        return new ServicePlan(services, skipped);
    }

    /**
     * catalog-api and background-processor have readiness groups that include their dependencies; the others are
     * ready once they answer liveness (health-service's own verdict may rightly be red while the stamp settles).
     */
    static String readinessPath(ServiceKind kind) {
        return switch (kind) {
            case CATALOG_API, BACKGROUND_PROCESSOR -> "/actuator/health/readiness";
            case EGRESS_FIREWALL -> "/health";
            default -> "/actuator/health/liveness";
        };
    }

    private static String display(ServiceKind kind, ServiceNode node) {
        // background-processor listens on its management port only.
        return kind == ServiceKind.BACKGROUND_PROCESSOR ? node.address() + ":" + node.managementPort()
                : node.address() + ":" + node.port();
    }
}
