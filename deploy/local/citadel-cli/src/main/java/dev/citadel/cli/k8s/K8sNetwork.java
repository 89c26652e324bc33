package dev.citadel.cli.k8s;

import dev.citadel.cli.network.Destination;
import dev.citadel.cli.network.Flow;
import dev.citadel.cli.network.NetworkPlan;
import dev.citadel.cli.network.Zone;
import dev.citadel.cli.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The isolated-mode {@link NetworkPlan} translated to Kubernetes: which pods stand for each zone and which pod port for
 * each destination. The NetworkPolicies are derived from the plan's flows through this mapping, so the zones and
 * flows are defined once, for `up --isolated` and the cluster alike.
 */
public final class K8sNetwork {

    public static final String PREFIX = "citadel";
    public static final String EDGE_NAMESPACE = PREFIX + "-edge";
    public static final String MGMT_NAMESPACE = PREFIX + "-mgmt";
    public static final String CASSANDRA_NAMESPACE = PREFIX + "-cassandra";
    /** Labels every Citadel pod carries. */
    public static final String ZONE_LABEL = "citadel.dev/zone";
    public static final String WORKLOAD_LABEL = "citadel.dev/workload";
    /** cass-operator labels each Cassandra pod with its data centre. */
    public static final String CASSANDRA_DC_LABEL = "cassandra.datastax.com/datacenter";
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    /** The data-tier ports the operators fix (Strimzi's KRaft control plane, Cassandra's standard ports). */
    public static final int KAFKA_CONTROLLER_PORT = 9090;
    public static final int CQL_PORT = 9042;
    public static final int STORAGE_PORT = 7000;
    public static final int JMX_PORT = 7199;
    /** Everything outside the cluster's private ranges: the internet, as seen from inside. */
    public static final String ANYWHERE = "0.0.0.0/0";
    public static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8");

    /**
     * A set of pods (namespace plus label selector; empty labels = every pod of the namespace) or, when {@code cidr}
     * is set, addresses outside the cluster.
     */
    public record Peer(String namespace, Map<String, String> podLabels, String cidr, List<String> except) {
        static Peer pods(String namespace, Map<String, String> labels) {
            return new Peer(namespace, Map.copyOf(labels), null, List.of());
        }
    }

    /** Where a destination of the plan lives in the cluster: a pod set and its port, or outside ({@code external}). */
    public record Target(Peer pods, int port) {}

    private final Topology topology;
    private final NetworkPlan plan;

    public K8sNetwork(Topology topology) {
        this.topology = topology;
        this.plan = NetworkPlan.of(topology);
    }

    public NetworkPlan plan() {
        return plan;
    }

    public static String stampNamespace(String region) {
        return PREFIX + "-" + region;
    }

    /** The pods (or addresses) of a zone. */
    public List<Peer> zone(Zone zone) {
        String r = zone.region();
        return switch (zone.kind()) {
            case INTERNET -> List.of(new Peer(null, Map.of(), ANYWHERE, PRIVATE_RANGES));
            case EDGE -> List.of(Peer.pods(EDGE_NAMESPACE, Map.of(ZONE_LABEL, "edge")));
            case MANAGEMENT -> List.of(Peer.pods(MGMT_NAMESPACE, Map.of()));
            case APP -> List.of(Peer.pods(stampNamespace(r), Map.of(ZONE_LABEL, "app")));
            case EGRESS -> List.of(Peer.pods(stampNamespace(r), Map.of(ZONE_LABEL, "egress")));
            case DATA -> List.of(Peer.pods(stampNamespace(r), Map.of(ZONE_LABEL, "data")),
                    Peer.pods(CASSANDRA_NAMESPACE, Map.of(CASSANDRA_DC_LABEL, dataCenter(r))));
        };
    }

    private String dataCenter(String region) {
        return topology.regions().stream().filter(x -> x.name().equals(region)).findFirst().orElseThrow()
                .cassandra().dataCenter();
    }

    /** The pods and port a destination of the plan stands for in the cluster. */
    public Target target(Destination d) {
        String label = d.label();
        Zone z = d.zone();
        String r = z.region();
        return switch (z.kind()) {
            case INTERNET -> new Target(new Peer(null, Map.of(), ANYWHERE, PRIVATE_RANGES), d.port());
            case EDGE -> new Target(Peer.pods(EDGE_NAMESPACE, workload("edge")), d.port());
            case MANAGEMENT -> new Target(Peer.pods(MGMT_NAMESPACE, Map.of()), d.port());
            case APP, EGRESS -> {
                String workload = label.substring(0, label.indexOf("-" + r + " "));
                yield new Target(Peer.pods(stampNamespace(r), workload(workload)), d.port());
            }
            case DATA -> {
                if (label.startsWith("kafka-")) {
                    int port = label.endsWith(" controller") ? KAFKA_CONTROLLER_PORT : d.port();
                    yield new Target(Peer.pods(stampNamespace(r), workload("kafka")), port);
                }
                int port = label.endsWith(" cql") ? CQL_PORT : label.endsWith(" storage") ? STORAGE_PORT : JMX_PORT;
                yield new Target(Peer.pods(CASSANDRA_NAMESPACE, Map.of(CASSANDRA_DC_LABEL, dataCenter(r))), port);
            }
        };
    }

    public static Map<String, String> workload(String name) {
        return Map.of(WORKLOAD_LABEL, name);
    }

    /** One allowed connection: from the source peers to the target (port 0 = every port). */
    public record Allowed(List<Peer> from, Peer to, int port, String why) {}

    /**
     * Every allowed connection: the plan's flows, and each zone reaching itself (the plan's rule that a zone always
     * reaches itself).
     */
    public List<Allowed> allowed() {
        List<Allowed> result = new ArrayList<>();
        for (Zone z : plan.zones()) {
            if (z.kind() != Zone.Kind.INTERNET) {
                for (Peer p : zone(z)) {
                    result.add(new Allowed(zone(z), p, 0, "a zone reaches itself"));
                }
            }
        }
        Map<String, Destination> bySocket = new LinkedHashMap<>();
        plan.destinations().forEach(d -> bySocket.put(d.zone().name() + "|" + d.socket(), d));
        for (Flow f : plan.flows()) {
            if (f.address() == null) {
                // The egress zone to anywhere outside: the firewall's allow-list decides what leaves.
                for (Peer p : zone(f.to())) {
                    result.add(new Allowed(zone(f.from()), p, 0, f.why()));
                }
                continue;
            }
            Destination d = bySocket.get(f.to().name() + "|" + f.address() + ":" + f.port());
            Target t = target(d);
            result.add(new Allowed(zone(f.from()), t.pods(), t.port(), f.why()));
        }
        return result;
    }
}
