package dev.citadel.cli.topology;

import dev.citadel.cli.topology.Topology.Region;
import java.util.HashMap;
import java.util.Map;

/** Cross-field rules that no single key can check: unique names, data centres and listening endpoints. */
final class TopologyRules {

    private TopologyRules() {}

    static void check(String source, Topology topology) {
        Map<String, String> regionNames = new HashMap<>();
        Map<String, String> dataCenters = new HashMap<>();
        Map<String, String> endpoints = new HashMap<>();
        for (int i = 0; i < topology.regions().size(); i++) {
            Region region = topology.regions().get(i);
            String at = "regions[" + i + "]";
            unique(source, regionNames, region.name(), at + ".name", "region name " + region.name());
            unique(source, dataCenters, region.cassandra().dataCenter(), at + ".cassandra.dataCenter",
                    "data centre " + region.cassandra().dataCenter());
            var c = region.cassandra();
            unique(source, endpoints, c.address() + ":" + c.nativePort(), at + ".cassandra.nativePort", null);
            unique(source, endpoints, c.address() + ":" + c.storagePort(), at + ".cassandra.storagePort", null);
            // Cassandra's local JMX server listens on 127.0.0.1 whatever the node's address is.
            unique(source, endpoints, "127.0.0.1:" + c.jmxPort(), at + ".cassandra.jmxPort", null);
            var k = region.kafka();
            unique(source, endpoints, k.address() + ":" + k.port(), at + ".kafka.port", null);
            unique(source, endpoints, k.address() + ":" + k.controllerPort(), at + ".kafka.controllerPort", null);
            var stamp = topology.stamps().get(i);
            service(source, endpoints, stamp.catalogApi(), at + ".stamp.catalogApi", true);
            service(source, endpoints, stamp.backgroundProcessor(), at + ".stamp.backgroundProcessor", false);
            service(source, endpoints, stamp.healthService(), at + ".stamp.healthService", true);
            service(source, endpoints, stamp.webUi(), at + ".stamp.webUi", true);
            service(source, endpoints, stamp.egressFirewall().node(), at + ".stamp.egressFirewall", true);
        }
        var edge = topology.edge();
        unique(source, endpoints, edge.address() + ":" + edge.port(), "edge.port", null);
        unique(source, endpoints, edge.address() + ":" + edge.managementPort(), "edge.managementPort", null);
    }

    /** background-processor has no public API: only its management port listens. */
    private static void service(String source, Map<String, String> endpoints, Topology.ServiceNode node, String at,
                                boolean publicPort) {
        if (publicPort) {
            unique(source, endpoints, node.address() + ":" + node.port(), at + ".port", null);
        }
        unique(source, endpoints, node.address() + ":" + node.managementPort(), at + ".managementPort", null);
    }

    private static void unique(String source, Map<String, String> seen, String value, String key, String what) {
        String previous = seen.putIfAbsent(value, key);
        if (previous != null) {
            String thing = what != null ? what : "endpoint " + value;
            throw new TopologyException(source + ": " + key + ": " + thing + " is already used by " + previous);
        }
    }
}
