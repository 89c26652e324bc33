package dev.citadel.cli.release;

import dev.citadel.cli.services.ClassDataSharing;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.services.ServicePlan;
import dev.citadel.cli.services.ServiceSpec;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.EgressFirewallNode;
import dev.citadel.cli.topology.Topology.KafkaBroker;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.cli.topology.Topology.ServiceNode;
import dev.citadel.cli.topology.Topology.StampNodes;
import dev.citadel.platform.engines.process.EngineProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the two release units a run alternates between: {@code a} is the topology as written (what {@code up}
 * starts), {@code b} the same stamps 100 addresses further up each region's /24 (catalog-api 127.0.1.31 → 127.0.1.131)
 * with the same ports, its Kafka broker too (127.0.1.20 → 127.0.1.120): Kafka is stamp-private, so each unit has its
 * own broker ({@code kafka-region1-b}), topics and consumer group. Both units of a region share its Cassandra data
 * centre, secrets, roles and certificates (issued for both addresses); what differs is the addresses, the component
 * names ({@code catalog-api-region1-b}), the log files and the jars they run. A pure function of the topology.
 */
public enum ReleaseUnit {
    A("", 0), B("-b", 100);

    private final String suffix;
    private final int offset;

    ReleaseUnit(String suffix, int offset) {
        this.suffix = suffix;
        this.offset = offset;
    }

    public ReleaseUnit other() {
        return this == A ? B : A;
    }

    public String suffix() {
        return suffix;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The component (and edge origin) name of this unit: {@code catalog-api-region1} or {@code catalog-api-region1-b}. */
    public String name(String base) {
        return base + suffix;
    }

    /** The topology with every stamp service and every region's Kafka broker at this unit's address. */
    public Topology place(Topology topology) {
        List<Region> regions = new ArrayList<>();
        for (Region r : topology.regions()) {
            KafkaBroker k = r.kafka();
            regions.add(new Region(r.name(), r.cassandra(),
                    new KafkaBroker(address(k.address()), k.port(), k.controllerPort(), k.heapMb())));
        }
        List<StampNodes> stamps = new ArrayList<>();
        for (StampNodes s : topology.stamps()) {
            EgressFirewallNode f = s.egressFirewall();
            stamps.add(new StampNodes(move(s.catalogApi()), move(s.backgroundProcessor()), move(s.healthService()),
                    move(s.webUi()), new EgressFirewallNode(move(f.node()), f.allow(), f.hosts())));
        }
        return new Topology(topology.clusterName(), regions, stamps, topology.edge());
    }

    /** This unit's Kafka broker of {@code region}: {@code kafka-region1} or {@code kafka-region1-b}. */
    public String broker(String region) {
        return name("kafka-" + region);
    }

    /** The directory of the run directory whose jars this unit's services run: {@code jars}, {@code jars-b}. */
    public String jarsDirectory() {
        return "jars" + suffix;
    }

    /**
     * The addresses a stamp service's certificate names while this unit serves: unit a's own; unit b's beside unit
     * a's, as a release issues them (both units' instances share the certificate files).
     */
    public List<String> certificateAddresses(String address) {
        return this == A ? List.of(address) : List.of(A.address(address), B.address(address));
    }

    /**
     * The services this unit serves with: its stamp services ({@link #services(ServicePlan, RunLayout)}) from
     * {@code unitPlan} (built from the {@link #place}d topology and this unit's jars), and the edge of
     * {@code edgePlan} (the topology as written, {@code jars}): the edge is no part of a unit, and a release leaves it
     * as {@code up} started it. For unit a, {@code edgePlan} itself.
     */
    public ServicePlan plan(ServicePlan unitPlan, ServicePlan edgePlan, RunLayout layout) {
        if (this == A) {
            return edgePlan;
        }
        List<ServiceSpec> specs = new ArrayList<>(services(unitPlan, layout));
        edgePlan.services().stream().filter(s -> s.kind() == ServiceKind.EDGE).forEach(specs::add);
        List<String> skipped = new ArrayList<>(unitPlan.skipped().stream().filter(s -> !s.startsWith("edge:")).toList());
        edgePlan.skipped().stream().filter(s -> s.startsWith("edge:")).forEach(skipped::add);
        return new ServicePlan(specs, skipped);
    }

    /** {@code service}'s address in this unit. */
    public String address(String address) {
        int dot = address.lastIndexOf('.');
        int last = Integer.parseInt(address.substring(dot + 1)) + offset;
        if (last > 254) {
            throw new IllegalArgumentException("release unit " + label() + " needs " + address + " + " + offset
                    + " within the /24: give the stamp services addresses at .1-.154");
        }
        return address.substring(0, dot + 1) + last;
    }

    private ServiceNode move(ServiceNode node) {
        return new ServiceNode(address(node.address()), node.port(), node.managementPort(), node.heapMb());
    }

    /** Where this unit's egress firewall reads its configuration (its listen address differs per unit). */
    public Path egressConfig(RunLayout layout, String region) {
        Path base = layout.egressConfig(region);
        return this == A ? base : base.resolveSibling("egress-firewall" + suffix + ".yaml");
    }

    /**
     * The stamp services of {@code plan} (built from {@link #place}d topology) as this unit runs them: its names,
     * markers and log files, its egress configuration, and no class-data-sharing archive (the archives are per
     * component and jar, and the old unit's JVMs may be writing theirs). The edge is not part of a unit.
     */
    public List<ServiceSpec> services(ServicePlan plan, RunLayout layout) {
        List<ServiceSpec> specs = new ArrayList<>();
        for (ServiceSpec s : plan.services()) {
            if (s.kind() == ServiceKind.EDGE) {
                continue;
            }
            if (this == A) {
                specs.add(s);
                continue;
            }
            String name = name(s.name());
            String oldLog = s.logFile();
            String newLog = layout.logFile(name).toString();
            String oldEgress = layout.egressConfig(s.region()).toString();
            String newEgress = egressConfig(layout, s.region()).toString();
            List<String> argv = new ArrayList<>();
            for (String arg : s.argv()) {
                if (ClassDataSharing.isArchiveOption(arg)) {
                    continue;
                }
                if (arg.equals(EngineProcess.marker(s.name()))) {
                    argv.add(EngineProcess.marker(name));
                } else if (arg.equals(oldEgress)) {
                    argv.add(newEgress);
                } else {
                    argv.add(arg.replace(oldLog, newLog));
                }
            }
            specs.add(new ServiceSpec(name, s.region(), s.kind(), s.displayAddress(), argv, s.environment(),
                    s.workDir(), newLog, s.readinessUrl()));
        }
        return specs;
    }

    /** Edge origin names of this unit, per group and region: {@code apis-region1-b}. */
    public List<String> origins(Topology topology) {
        List<String> names = new ArrayList<>();
        for (String group : List.of("apis", "health", "static")) {
            topology.regions().forEach(r -> names.add(name(group + "-" + r.name())));
        }
        return names;
    }
}
