package dev.citadel.platform.engines.kafka;

import java.nio.file.Path;

/** Where a broker keeps its files, all under its directory. */
public record KafkaLayout(Path dir) {

    public Path serverProperties() {
        return dir.resolve("conf/server.properties");
    }

    public Path log4j2() {
        return dir.resolve("conf/log4j2.xml");
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Written by the storage format step; its presence means "already formatted". */
    public Path metaProperties() {
        return dataDir().resolve("meta.properties");
    }

    public Path workDir() {
        return dir.resolve("work");
    }

    public Path tlsDir() {
        return dir.resolve("tls");
    }
}
