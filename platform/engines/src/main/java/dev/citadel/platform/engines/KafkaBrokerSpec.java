package dev.citadel.platform.engines;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One Kafka broker in KRaft combined mode (broker and its own controller in one JVM): one per
 * stamp, a cluster of its own. A value, no behaviour.
 */
public record KafkaBrokerSpec(String name, String host, int clientPort, int controllerPort, int nodeId, int heapMb,
                              Path dir) {

    public static final int DEFAULT_CLIENT_PORT = 9093;
    public static final int DEFAULT_CONTROLLER_PORT = 9094;
    public static final int DEFAULT_HEAP_MB = 512;

    public KafkaBrokerSpec {
        SpecChecks.name("name", name);
        SpecChecks.privateAddress("host", host);
        SpecChecks.port("clientPort", clientPort);
        SpecChecks.port("controllerPort", controllerPort);
        if (clientPort == controllerPort) {
            throw new IllegalArgumentException("clientPort and controllerPort of " + name + " must differ: " + clientPort);
        }
        SpecChecks.atLeast("nodeId", nodeId, 0);
        SpecChecks.atLeast("heapMb", heapMb, 128);
        Objects.requireNonNull(dir, "dir");
        dir = dir.toAbsolutePath().normalize();
    }

    /** A broker with node id 1, the default heap and the given ports. */
    public static KafkaBrokerSpec of(String name, String host, int clientPort, int controllerPort, Path dir) {
        return new KafkaBrokerSpec(name, host, clientPort, controllerPort, 1, DEFAULT_HEAP_MB, dir);
    }

    public String bootstrapServers() {
        return host + ":" + clientPort;
    }
}
