package dev.citadel.platform.engines;

import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.engines.cassandra.CassandraAuthBootstrap;
import dev.citadel.platform.engines.cassandra.CassandraCommandLine;
import dev.citadel.platform.engines.cassandra.CassandraConfig;
import dev.citadel.platform.engines.cassandra.CassandraJmx;
import dev.citadel.platform.engines.cassandra.CassandraJmxConfig;
import dev.citadel.platform.engines.cassandra.NodetoolCommandLine;
import dev.citadel.platform.engines.cassandra.CassandraLayout;
import dev.citadel.platform.engines.cassandra.CassandraReadiness;
import dev.citadel.platform.engines.cassandra.CassandraTls;
import dev.citadel.platform.engines.jmxagent.AgentJar;
import dev.citadel.platform.engines.process.EngineProcess;
import dev.citadel.platform.engines.process.LaunchPrefix;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecureFiles;
import dev.citadel.platform.pki.TlsBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prepares, launches and checks the Cassandra nodes of one tier. */
final class CassandraLauncher {

    private final DataTierSpec spec;
    private final TierMaterials materials;

    CassandraLauncher(DataTierSpec spec, TierMaterials materials) {
        this.spec = spec;
        this.materials = materials;
    }

    /** Writes the node's certificate and configuration (every start: ports may have changed) and launches it. */
    EngineProcess launch(CassandraNodeSpec node) {
        CassandraLayout layout = new CassandraLayout(node.nodeDir());
        try {
            for (Path dir : List.of(layout.confDir(), layout.dataDir(), layout.commitLogDir(), layout.savedCachesDir(),
                    layout.hintsDir(), layout.cdcRawDir(), layout.workDir())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directories of " + node.name(), e);
        }
        TlsBundle bundle = materials.engineTls(layout.tlsDir(), node.name(), node.listenAddress());
        CassandraTls tls = new CassandraTls(bundle.keyStore(), bundle.trustStore(), bundle.password());
        // The yaml holds the keystore password: owner-only like every other secret file.
        SecureFiles.write(layout.yaml(), CassandraConfig.yaml(spec.clusterName(), node, layout, tls));
        SecureFiles.write(layout.rackDc(), CassandraConfig.rackDc(node));
        SecureFiles.write(layout.logback(), CassandraConfig.logback(new LogRotation(spec.logFile(node.name()))));
        writeJmxFiles(node, layout, tls);
        LaunchPrefix prefix = spec.launchPrefix(node.name()).then(EngineAccounts.prepare(spec, node.name(), node.nodeDir()));
        List<String> argv = prefix.apply(CassandraCommandLine.build(node, layout, EngineClasspath.javaExecutable(),
                EngineAccounts.classpath(spec, EngineClasspath.cassandra(), "cassandra")));
        return EngineProcess.startWithConsoleFile(node.name(), argv, layout.workDir(), spec.logFile(node.name()),
                spec.consoleFile(node.name()));
    }

    /** The JMX agent and its files, and what nodetool needs to reach it (see {@link CassandraJmxConfig}). */
    private void writeJmxFiles(CassandraNodeSpec node, CassandraLayout layout, CassandraTls tls) {
        SecureFiles.ownerOnlyDirectory(layout.jmxDir());
        Secret password = materials.jmxPassword(node.name());
        AgentJar.write(layout.jmxAgentJar());
        SecureFiles.write(layout.jmxAgentConfig(), CassandraJmxConfig.agentConfig(node, spec.jmxHost(node), layout, tls));
        SecureFiles.write(layout.jmxPasswordFile(), CassandraJmxConfig.passwordFile(CassandraJmx.OPERATOR, password));
        SecureFiles.write(layout.jmxAccessFile(), CassandraJmxConfig.accessFile(CassandraJmx.OPERATOR));
        SecureFiles.write(layout.nodetoolCredentials(), CassandraJmxConfig.nodetoolCredentials(CassandraJmx.OPERATOR, password));
        SecureFiles.write(layout.nodetoolJvmOptions(), CassandraJmxConfig.nodetoolJvmOptions(tls));
        SecureFiles.write(layout.logbackTools(), CassandraJmxConfig.logbackTools());
    }

    /** How an operator reaches the node's JMX (TLS, the operator's password, the node's CA truststore). */
    CassandraJmx jmx(CassandraNodeSpec node) {
        TlsBundle bundle = TlsBundle.load(new CassandraLayout(node.nodeDir()).tlsDir(), node.name())
                .orElseThrow(() -> notStartedYet(node));
        return new CassandraJmx(spec.jmxHost(node), node.jmxPort(), CassandraJmx.OPERATOR, materials.jmxPassword(node.name()),
                bundle.trustStore(), bundle.password());
    }

    /** Nodetool's command line for the node; the files it reads are written at each launch. */
    List<String> nodetool(CassandraNodeSpec node, List<String> args) {
        if (!Files.exists(new CassandraLayout(node.nodeDir()).nodetoolCredentials())) {
            throw notStartedYet(node);
        }
        return NodetoolCommandLine.build(node, spec.jmxHost(node), new CassandraLayout(node.nodeDir()), EngineClasspath.javaExecutable(),
                EngineClasspath.cassandra(), args);
    }

    private static IllegalStateException notStartedYet(CassandraNodeSpec node) {
        return new IllegalStateException("node " + node.name() + " has never been started from this run dir: no JMX files in "
                + new CassandraLayout(node.nodeDir()).jmxDir());
    }

    void awaitListening(EngineProcess process, CassandraNodeSpec node, Duration timeout) {
        process.awaitReady(timeout, () -> CassandraReadiness.listening(node.nativeEndpoint()));
    }

    /** First start only: replace the default superuser by the tier's admin. */
    void secure(Duration timeout) {
        Map<String, Integer> replication = new LinkedHashMap<>();
        for (String dc : spec.dataCenters()) {
            replication.put(dc, Math.min(3, spec.nodesIn(dc).size()));
        }
        CassandraAuthBootstrap.secure(access(), replication, timeout);
    }

    /** Waits until the cluster is ready as seen from the node's data centre (CQL over TLS, peers, gossip). */
    void awaitReady(EngineProcess process, CassandraNodeSpec node, Duration timeout) {
        CassandraAccess access = access();
        int total = spec.cassandraNodes().size();
        process.awaitReady(timeout, () -> {
            CassandraReadiness.check(access, node.dataCenter(), total);
            return true;
        });
    }

    CassandraAccess access() {
        Map<String, List<InetSocketAddress>> points = new LinkedHashMap<>();
        for (String dc : spec.dataCenters()) {
            points.put(dc, spec.nodesIn(dc).stream().map(CassandraNodeSpec::nativeEndpoint).toList());
        }
        return new CassandraAccess(points, TierMaterials.CASSANDRA_ADMIN, materials.cassandraAdminPassword(),
                materials.clientTrustStore(), materials.clientTrustStorePassword());
    }
}
