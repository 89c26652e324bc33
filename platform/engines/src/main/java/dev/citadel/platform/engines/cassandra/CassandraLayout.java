package dev.citadel.platform.engines.cassandra;

import java.nio.file.Path;

/** Where a node keeps its files, all under its node directory. */
public record CassandraLayout(Path nodeDir) {

    public Path confDir() {
        return nodeDir.resolve("conf");
    }

    public Path yaml() {
        return confDir().resolve("cassandra.yaml");
    }

    public Path rackDc() {
        return confDir().resolve("cassandra-rackdc.properties");
    }

    public Path logback() {
        return confDir().resolve("logback.xml");
    }

    public Path dataDir() {
        return nodeDir.resolve("data");
    }

    public Path commitLogDir() {
        return nodeDir.resolve("commitlog");
    }

    public Path savedCachesDir() {
        return nodeDir.resolve("saved_caches");
    }

    public Path hintsDir() {
        return nodeDir.resolve("hints");
    }

    public Path cdcRawDir() {
        return nodeDir.resolve("cdc_raw");
    }

    /** Heap dumps and crash files; the log itself goes to the tier's log directory. */
    public Path workDir() {
        return nodeDir.resolve("work");
    }

    public Path tlsDir() {
        return nodeDir.resolve("tls");
    }
}
