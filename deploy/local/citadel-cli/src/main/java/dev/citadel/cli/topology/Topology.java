package dev.citadel.cli.topology;

import java.util.List;

/**
 * The local topology as declared in {@code topology.yaml}: one Cassandra data centre and one Kafka broker per region.
 * Values only; {@link TopologyLoader} validates them, {@code plan} turns them into engine specs.
 */
public record Topology(String clusterName, List<Region> regions) {

    public Topology {
        regions = List.copyOf(regions);
    }

    /** A region (a stamp's home): its Cassandra data centre and its stamp-private Kafka broker. */
    public record Region(String name, CassandraNode cassandra, KafkaBroker kafka) {}

    /** One Cassandra node; each node listens on its own loopback address, so ports may repeat across nodes. */
    public record CassandraNode(String dataCenter, String rack, String address, int nativePort, int storagePort,
                                int jmxPort, int heapMb) {}

    /** One combined KRaft broker+controller. */
    public record KafkaBroker(String address, int port, int controllerPort, int heapMb) {}
}
