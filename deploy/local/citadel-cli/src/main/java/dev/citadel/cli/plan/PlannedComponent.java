package dev.citadel.cli.plan;

import dev.citadel.cli.topology.Topology.CassandraNode;
import dev.citadel.platform.engines.EngineKind;
import dev.citadel.cli.topology.Topology.KafkaBroker;
import java.nio.file.Path;
import java.util.List;

/** One process of the data tier as it will be started: its name, home region, listeners and directory. */
public sealed interface PlannedComponent {

    String name();

    String region();

    EngineKind kind();

    String address();

    /** The primary address:port shown to operators. */
    String displayAddress();

    List<Endpoint> endpoints();

    Path dir();

    /** A Cassandra node; {@code seeds} are the addresses it contacts to join the ring. */
    record Cassandra(String name, String region, CassandraNode node, List<String> seeds, Path dir)
            implements PlannedComponent {

        public Cassandra {
            seeds = List.copyOf(seeds);
        }

        @Override
        public EngineKind kind() {
            return EngineKind.CASSANDRA;
        }

        @Override
        public String address() {
            return node.address();
        }

        @Override
        public String displayAddress() {
            return node.address() + ":" + node.nativePort();
        }

        @Override
        public List<Endpoint> endpoints() {
            return List.of(new Endpoint(node.address(), node.nativePort(), "CQL"),
                    new Endpoint(node.address(), node.storagePort(), "storage"),
                    new Endpoint("127.0.0.1", node.jmxPort(), "JMX"));
        }
    }

    /** A combined KRaft broker+controller; {@code nodeId} is unique in the topology. */
    record Kafka(String name, String region, KafkaBroker broker, int nodeId, Path dir) implements PlannedComponent {

        @Override
        public EngineKind kind() {
            return EngineKind.KAFKA;
        }

        @Override
        public String address() {
            return broker.address();
        }

        @Override
        public String displayAddress() {
            return broker.address() + ":" + broker.port();
        }

        @Override
        public List<Endpoint> endpoints() {
            return List.of(new Endpoint(broker.address(), broker.port(), "Kafka clients"),
                    new Endpoint(broker.address(), broker.controllerPort(), "Kafka controller"));
        }
    }
}
