package dev.citadel.platform.engines;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One Cassandra node: a value, no behaviour. Each node has its own loopback address, so the
 * native and storage ports can be the same on every node; the JMX port cannot (Cassandra binds
 * local JMX to 127.0.0.1).
 */
public record CassandraNodeSpec(String name, String dataCenter, String rack, String listenAddress,
                                List<String> seedAddresses, int nativePort, int storagePort, int jmxPort,
                                int heapMb, Path nodeDir) {

    public static final int DEFAULT_NATIVE_PORT = 9042;
    public static final int DEFAULT_STORAGE_PORT = 7000;
    public static final int DEFAULT_HEAP_MB = 768;

    public CassandraNodeSpec {
        SpecChecks.name("name", name);
        SpecChecks.name("dataCenter", dataCenter);
        SpecChecks.name("rack", rack);
        SpecChecks.privateAddress("listenAddress", listenAddress);
        seedAddresses = List.copyOf(seedAddresses);
        if (seedAddresses.isEmpty()) {
            throw new IllegalArgumentException("seedAddresses of " + name + " must not be empty");
        }
        seedAddresses.forEach(s -> SpecChecks.privateAddress("seedAddresses", s));
        SpecChecks.port("nativePort", nativePort);
        SpecChecks.port("storagePort", storagePort);
        SpecChecks.port("jmxPort", jmxPort);
        SpecChecks.atLeast("heapMb", heapMb, 256);
        Objects.requireNonNull(nodeDir, "nodeDir");
        nodeDir = nodeDir.toAbsolutePath().normalize();
    }

    /** A node with the default ports, rack {@code rack1} and the default heap. */
    public static CassandraNodeSpec of(String name, String dataCenter, String listenAddress, List<String> seeds,
                                       int jmxPort, Path nodeDir) {
        return new CassandraNodeSpec(name, dataCenter, "rack1", listenAddress, seeds, DEFAULT_NATIVE_PORT,
                DEFAULT_STORAGE_PORT, jmxPort, DEFAULT_HEAP_MB, nodeDir);
    }

    public boolean isSeed() {
        return seedAddresses.contains(listenAddress);
    }

    public InetSocketAddress nativeEndpoint() {
        return new InetSocketAddress(listenAddress, nativePort);
    }

    public CassandraNodeSpec withHeapMb(int newHeapMb) {
        return new CassandraNodeSpec(name, dataCenter, rack, listenAddress, seedAddresses, nativePort, storagePort,
                jmxPort, newHeapMb, nodeDir);
    }
}
