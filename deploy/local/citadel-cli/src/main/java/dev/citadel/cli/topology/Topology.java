package dev.citadel.cli.topology;

import java.util.List;

/**
 * The local topology as declared in {@code topology.yaml}: per region one Cassandra data centre, one Kafka broker and
 * one stamp (its services); one edge in front of all stamps. Values only; {@link TopologyLoader} validates them,
 * {@code plan} turns them into engine specs and child-JVM command lines.
 */
public record Topology(String clusterName, List<Region> regions, List<StampNodes> stamps, EdgeNode edge) {

    public Topology {
        regions = List.copyOf(regions);
        stamps = List.copyOf(stamps);
        if (stamps.size() != regions.size()) {
            throw new IllegalArgumentException("one stamp per region: " + regions.size() + " regions, "
                    + stamps.size() + " stamps");
        }
    }

    /** A data-tier-only topology with every stamp and the edge at their defaults. */
    public Topology(String clusterName, List<Region> regions) {
        this(clusterName, regions, regions.stream().map(StampNodes::defaults).toList(), EdgeNode.DEFAULT);
    }

    /** The stamp of a region. */
    public StampNodes stamp(String region) {
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).name().equals(region)) {
                return stamps.get(i);
            }
        }
        throw new IllegalArgumentException("no region '" + region + "'");
    }

    /** A region (a stamp's home): its Cassandra data centre and its stamp-private Kafka broker. */
    public record Region(String name, CassandraNode cassandra, KafkaBroker kafka) {}

    /** One Cassandra node; each node listens on its own loopback address, so ports may repeat across nodes. */
    public record CassandraNode(String dataCenter, String rack, String address, int nativePort, int storagePort,
                                int jmxPort, int heapMb) {}

    /** One combined KRaft broker+controller. */
    public record KafkaBroker(String address, int port, int controllerPort, int heapMb) {}

    /**
     * One Spring Boot service of a stamp: its own loopback address, the edge-facing HTTPS port ({@code port}, unused
     * by background-processor, which has no public API) and the operator-facing management port.
     */
    public record ServiceNode(String address, int port, int managementPort, int heapMb) {}

    /**
     * The stamp's egress firewall: the only way out of the stamp. {@code port} is its forward-proxy listener,
     * {@code managementPort} its metrics (operator and the stamp's scraper only). {@code allow} lists what each
     * source service may reach; {@code hosts} are resolver answers the firewall uses before DNS (a resolver the
     * operator controls, as tests and isolated networks need).
     */
    public record EgressFirewallNode(ServiceNode node, List<EgressRule> allow, List<StaticHost> hosts) {

        public EgressFirewallNode {
            allow = List.copyOf(allow);
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * One allowed destination of one source service. Special-purpose addresses (loopback, private, link-local, ...)
     * stay refused even for a listed name unless {@code allowSpecialAddresses} says this rule is the exception.
     */
    public record EgressRule(String source, String host, int port, boolean allowSpecialAddresses) {}

    /** A static resolver answer: {@code name} resolves to {@code address}. */
    public record StaticHost(String name, String address) {}

    /** The services of one region's stamp. */
    public record StampNodes(ServiceNode catalogApi, ServiceNode backgroundProcessor, ServiceNode healthService,
                             ServiceNode webUi, EgressFirewallNode egressFirewall) {

        /** Last octets of the default service addresses, in the region's /24 (its Cassandra node's network). */
        public static final int CATALOG_API_HOST = 31;
        public static final int PROCESSOR_HOST = 32;
        public static final int HEALTH_HOST = 33;
        public static final int WEB_UI_HOST = 34;
        public static final int EGRESS_FIREWALL_HOST = 40;

        static StampNodes defaults(Region region) {
            String net = network(region.cassandra().address());
            return new StampNodes(new ServiceNode(net + CATALOG_API_HOST, 8443, 9443, 384),
                    new ServiceNode(net + PROCESSOR_HOST, 8443, 9443, 256),
                    new ServiceNode(net + HEALTH_HOST, 8443, 9443, 256),
                    new ServiceNode(net + WEB_UI_HOST, 8443, 9443, 192),
                    new EgressFirewallNode(new ServiceNode(net + EGRESS_FIREWALL_HOST, 3128, 9443, 128), List.of(),
                            List.of()));
        }

        /** "127.0.1.10" → "127.0.1.". */
        static String network(String address) {
            return address.substring(0, address.lastIndexOf('.') + 1);
        }
    }

    /** The edge: the only public listener (HTTPS) plus its operator-only management listener. */
    public record EdgeNode(String address, int port, int managementPort, int heapMb, int rateLimitPerSecond) {

        public static final EdgeNode DEFAULT = new EdgeNode("127.0.0.1", 8443, 9443, 256, 200);
    }
}
