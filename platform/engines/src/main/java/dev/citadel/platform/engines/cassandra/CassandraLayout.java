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

    /** Nodetool's own logging (warnings to stderr only), so an operator's command prints just its answer. */
    public Path logbackTools() {
        return confDir().resolve("logback-tools.xml");
    }

    /** JMX agent jar, its config and credential files, nodetool's credentials and JVM options; 0700, files 0600. */
    public Path jmxDir() {
        return nodeDir.resolve("jmx");
    }

    public Path jmxAgentJar() {
        return jmxDir().resolve("citadel-jmx-agent.jar");
    }

    public Path jmxAgentConfig() {
        return jmxDir().resolve("agent.properties");
    }

    /** {@code user sha256-hex}: the node checks passwords against hashes, never a clear password. */
    public Path jmxPasswordFile() {
        return jmxDir().resolve("jmx.password");
    }

    public Path jmxAccessFile() {
        return jmxDir().resolve("jmx.access");
    }

    /** {@code user password}, the format of nodetool's {@code --password-file}. */
    public Path nodetoolCredentials() {
        return jmxDir().resolve("nodetool.credentials");
    }

    /** A java launcher argument file with nodetool's TLS trust options: keeps the store password off argv. */
    public Path nodetoolJvmOptions() {
        return jmxDir().resolve("nodetool-jvm.options");
    }
}
