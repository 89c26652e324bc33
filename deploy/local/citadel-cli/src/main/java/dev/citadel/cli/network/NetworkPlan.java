package dev.citadel.cli.network;

import dev.citadel.cli.network.Zone.Kind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.cli.topology.Topology.ServiceNode;
import dev.citadel.cli.topology.Topology.StampNodes;
import java.util.ArrayList;
import java.util.List;

/**
 * The isolated network of a topology, as data: one zone per zone of CITADEL.md section 1 (internet, edge, management,
 * and per stamp its app, data and egress zones), the sockets each zone offers, and the designed flows between them —
 * the NSGs and UDRs of the cloud design. Everything not listed as a flow is denied. A pure function of the topology:
 * ports come from it, addresses are the zone's /24 in 198.18.0.0/15 (special-purpose, benchmarking: never routed on
 * the real internet, so nothing here can collide with a real network) plus a fixed host number per role.
 */
public record NetworkPlan(List<Zone> zones, List<Destination> destinations, List<Flow> flows) {

    /** Every zone is a /24 of 198.18.0.0/15. */
    public static final String NETWORK = "198.18.";
    public static final int ROUTER_HOST = 1;
    /** The one host of the internet, edge and management zones that is not a listener of the topology. */
    public static final int CLIENT_HOST = 10;
    /** A stand-in web server on the internet (the egress zone may reach any port of it). */
    public static final int WEB_HOST = 80;
    public static final int EDGE_HOST = 10;
    public static final int OPERATOR_HOST = 10;
    public static final int CASSANDRA_HOST = 10;
    public static final int KAFKA_HOST = 20;
    public static final int EGRESS_FIREWALL_HOST = 40;
    /** A port nothing should reach from outside the management zone; it stands for the operator's workstation. */
    public static final int OPERATOR_PORT = 22;

    public NetworkPlan {
        zones = List.copyOf(zones);
        destinations = List.copyOf(destinations);
        flows = List.copyOf(flows);
    }

    /** The plan of {@code topology}. */
    public static NetworkPlan of(Topology topology) {
        List<Zone> zones = new ArrayList<>();
        List<Destination> dests = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        Zone internet = new Zone("internet", Kind.INTERNET, "", 1);
        Zone edge = new Zone("edge", Kind.EDGE, "", 2);
        Zone mgmt = new Zone("mgmt", Kind.MANAGEMENT, "", 3);
        zones.addAll(List.of(internet, edge, mgmt));

        Destination web = new Destination(internet, "web server https", internet.address(WEB_HOST), 443);
        dests.add(web);
        dests.add(new Destination(internet, "web server http", internet.address(WEB_HOST), 80));
        Topology.EdgeNode edgeNode = topology.edge();
        Destination edgePublic = new Destination(edge, "edge public", edge.address(EDGE_HOST), edgeNode.port());
        Destination edgeAdmin = new Destination(edge, "edge admin", edge.address(EDGE_HOST), edgeNode.managementPort());
        dests.add(edgePublic);
        dests.add(edgeAdmin);
        dests.add(new Destination(mgmt, "operator workstation", mgmt.address(OPERATOR_HOST), OPERATOR_PORT));
        flows.add(to(internet, edgePublic, "clients reach only the edge's public port"));
        flows.add(to(mgmt, edgeAdmin, "the operator manages the edge"));

        List<Zone> dataZones = new ArrayList<>();
        List<Destination> storagePorts = new ArrayList<>();
        for (int i = 0; i < topology.regions().size(); i++) {
            Region region = topology.regions().get(i);
            StampNodes stamp = topology.stamps().get(i);
            String r = region.name();
            Zone app = new Zone(r + "-app", Kind.APP, r, 10 + 10 * i);
            Zone data = new Zone(r + "-data", Kind.DATA, r, 11 + 10 * i);
            Zone egress = new Zone(r + "-egress", Kind.EGRESS, r, 12 + 10 * i);
            zones.addAll(List.of(app, data, egress));
            dataZones.add(data);

            service(app, "catalog-api-" + r, StampNodes.CATALOG_API_HOST, stamp.catalogApi(), true, edge, mgmt, dests, flows);
            service(app, "background-processor-" + r, StampNodes.PROCESSOR_HOST, stamp.backgroundProcessor(), false, edge, mgmt, dests, flows);
            service(app, "health-service-" + r, StampNodes.HEALTH_HOST, stamp.healthService(), true, edge, mgmt, dests, flows);
            service(app, "web-ui-" + r, StampNodes.WEB_UI_HOST, stamp.webUi(), true, edge, mgmt, dests, flows);

            ServiceNode firewall = stamp.egressFirewall().node();
            Destination proxy = new Destination(egress, "egress-firewall-" + r + " proxy",
                    egress.address(EGRESS_FIREWALL_HOST), firewall.port());
            Destination proxyAdmin = new Destination(egress, "egress-firewall-" + r + " management",
                    egress.address(EGRESS_FIREWALL_HOST), firewall.managementPort());
            dests.add(proxy);
            dests.add(proxyAdmin);
            flows.add(to(app, proxy, "the stamp's only way out"));
            flows.add(to(app, proxyAdmin, "health-service reads the firewall's counters"));
            flows.add(to(mgmt, proxyAdmin, "the operator reads the firewall's counters"));
            flows.add(new Flow(egress, internet, null, 0, "the firewall's allow-list decides what leaves"));

            Topology.CassandraNode c = region.cassandra();
            String cassandra = "cassandra-" + r;
            Destination cql = new Destination(data, cassandra + " cql", data.address(CASSANDRA_HOST), c.nativePort());
            Destination storage = new Destination(data, cassandra + " storage", data.address(CASSANDRA_HOST),
                    c.storagePort());
            Destination jmx = new Destination(data, cassandra + " jmx", data.address(CASSANDRA_HOST), c.jmxPort());
            Topology.KafkaBroker k = region.kafka();
            Destination kafka = new Destination(data, "kafka-" + r + " client", data.address(KAFKA_HOST), k.port());
            Destination controller = new Destination(data, "kafka-" + r + " controller", data.address(KAFKA_HOST),
                    k.controllerPort());
            dests.addAll(List.of(cql, storage, jmx, kafka, controller));
            storagePorts.add(storage);
            flows.add(to(app, cql, "the stamp's services use their own data centre"));
            flows.add(to(app, kafka, "the stamp's services use their own broker"));
            flows.add(to(mgmt, cql, "the operator provisions roles and the schema"));
            flows.add(to(mgmt, jmx, "the operator runs nodetool"));
            flows.add(to(mgmt, kafka, "the operator provisions users, ACLs and topics"));
        }
        // Cassandra replicates between data centres; nothing else crosses regions.
        for (Zone from : dataZones) {
            for (Destination storage : storagePorts) {
                if (!storage.zone().equals(from)) {
                    flows.add(to(from, storage, "replication between data centres"));
                }
            }
        }
        return new NetworkPlan(zones, dests, flows);
    }

    private static void service(Zone app, String component, int host, ServiceNode node, boolean publicPort, Zone edge,
                                Zone mgmt, List<Destination> dests, List<Flow> flows) {
        if (publicPort) {
            Destination pub = new Destination(app, component + " public", app.address(host), node.port());
            dests.add(pub);
            flows.add(to(edge, pub, "the edge forwards to the stamp's public ports"));
        }
        Destination management = new Destination(app, component + " management", app.address(host),
                node.managementPort());
        dests.add(management);
        flows.add(to(mgmt, management, "the operator manages every service"));
    }

    private static Flow to(Zone from, Destination destination, String why) {
        return new Flow(from, destination.zone(), destination.address(), destination.port(), why);
    }

    /**
     * {@code topology} with every listener at its place in this plan: Cassandra and Kafka at their data zone's
     * {@link #CASSANDRA_HOST}/{@link #KAFKA_HOST}, the services at their app zone's hosts, the egress firewall at its
     * egress zone's {@link #EGRESS_FIREWALL_HOST}, the edge at the edge zone's {@link #EDGE_HOST}. Ports, heaps and
     * rules stay the file's. What the processes bind is thus what the rules and {@code check network} assume.
     */
    public Topology place(Topology topology) {
        List<Region> regions = new ArrayList<>();
        List<StampNodes> stamps = new ArrayList<>();
        for (int i = 0; i < topology.regions().size(); i++) {
            Region r = topology.regions().get(i);
            StampNodes s = topology.stamps().get(i);
            Zone app = zone(r.name() + "-app");
            Zone data = zone(r.name() + "-data");
            Zone egress = zone(r.name() + "-egress");
            Topology.CassandraNode c = r.cassandra();
            Topology.KafkaBroker k = r.kafka();
            regions.add(new Region(r.name(), new Topology.CassandraNode(c.dataCenter(), c.rack(),
                    data.address(CASSANDRA_HOST), c.nativePort(), c.storagePort(), c.jmxPort(), c.heapMb()),
                    new Topology.KafkaBroker(data.address(KAFKA_HOST), k.port(), k.controllerPort(), k.heapMb())));
            Topology.EgressFirewallNode f = s.egressFirewall();
            stamps.add(new StampNodes(at(s.catalogApi(), app, StampNodes.CATALOG_API_HOST),
                    at(s.backgroundProcessor(), app, StampNodes.PROCESSOR_HOST),
                    at(s.healthService(), app, StampNodes.HEALTH_HOST), at(s.webUi(), app, StampNodes.WEB_UI_HOST),
                    new Topology.EgressFirewallNode(at(f.node(), egress, EGRESS_FIREWALL_HOST), f.allow(), f.hosts())));
        }
        Topology.EdgeNode e = topology.edge();
        return new Topology(topology.clusterName(), regions, stamps, new Topology.EdgeNode(
                zone("edge").address(EDGE_HOST), e.port(), e.managementPort(), e.heapMb(), e.rateLimitPerSecond()));
    }

    private static ServiceNode at(ServiceNode node, Zone zone, int host) {
        return new ServiceNode(zone.address(host), node.port(), node.managementPort(), node.heapMb());
    }

    /** The zone named {@code name}. */
    public Zone zone(String name) {
        return zones.stream().filter(z -> z.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no zone " + name));
    }

    /** Whether the design lets {@code source} reach {@code destination} (a zone always reaches itself). */
    public boolean designed(Zone source, Destination destination) {
        return source.equals(destination.zone()) || flows.stream().anyMatch(f -> f.permits(source, destination));
    }

    /** The addresses each zone's member interface carries (the router's address aside). */
    public List<String> addresses(Zone zone) {
        List<String> result = new ArrayList<>();
        result.add(zone.address(hostOf(zone)));
        for (Destination d : destinations) {
            if (d.zone().equals(zone) && !result.contains(d.address())) {
                result.add(d.address());
            }
        }
        return result;
    }

    /** The zone's first address: where its probes come from. */
    private static int hostOf(Zone zone) {
        return switch (zone.kind()) {
            case INTERNET -> CLIENT_HOST;
            case EDGE -> EDGE_HOST;
            case MANAGEMENT -> OPERATOR_HOST;
            case APP -> StampNodes.CATALOG_API_HOST;
            case DATA -> CASSANDRA_HOST;
            case EGRESS -> EGRESS_FIREWALL_HOST;
        };
    }

    /** Every namespace of the plan, the router's included. */
    public List<String> namespaces(String prefix) {
        List<String> names = new ArrayList<>();
        names.add(router(prefix));
        zones.forEach(z -> names.add(z.namespace(prefix)));
        return names;
    }

    /** The namespace that joins every zone and holds the ruleset. */
    public static String router(String prefix) {
        return prefix + "-router";
    }
}
