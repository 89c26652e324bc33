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
        }
    }

    private static void unique(String source, Map<String, String> seen, String value, String key, String what) {
        String previous = seen.putIfAbsent(value, key);
        if (previous != null) {
            String thing = what != null ? what : "endpoint " + value;
            throw new TopologyException(source + ": " + key + ": " + thing + " is already used by " + previous);
        }
    }
}
