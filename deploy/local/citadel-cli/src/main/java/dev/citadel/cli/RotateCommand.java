package dev.citadel.cli;

import dev.citadel.cli.chaos.ChaosTls;
import dev.citadel.cli.provision.StampPki;
import dev.citadel.cli.release.ReleaseState;
import dev.citadel.cli.release.ServingUnit;
import dev.citadel.cli.rotate.ApiKeyRotation;
import dev.citadel.cli.rotate.CassandraPasswordEngine;
import dev.citadel.cli.rotate.CaRotation;
import dev.citadel.cli.rotate.CertificateRotation;
import dev.citadel.cli.rotate.ClientCertificateProbe;
import dev.citadel.platform.pki.IssuedCertificate;
import javax.net.ssl.TrustManager;
import dev.citadel.cli.rotate.KafkaPasswordEngine;
import dev.citadel.cli.rotate.OperatorCaParts;
import dev.citadel.cli.rotate.ServicePasswordRotation;
import dev.citadel.cli.provision.KafkaPlan;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.cassandra.CassandraAccess;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.cli.rotate.EdgeIdRotation;
import dev.citadel.cli.rotate.EdgeTlsCheck;
import dev.citadel.cli.rotate.HttpEdgeIdProbe;
import dev.citadel.cli.rotate.TlsCertificateProbe;
import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.ServiceCommandLines;
import dev.citadel.cli.rotate.HttpKeyProbe;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.ServiceNode;
import dev.citadel.cli.topology.TopologyLoader;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code citadel rotate WHAT}: replaces a secret online, old and new both valid during an overlap (the API key:
 * {@link ApiKeyRotation}; a CA: {@link CaRotation}). Run again after an interruption, it completes the interrupted
 * rotation.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Replaces a secret while everything keeps running: api-key (the release's API key),"
                + " service-certificates (the server certificates of every stamp's Spring services),"
                + " edge-certificates (the edge's public server and client certificates),"
                + " egress-certificates (every stamp's egress firewall's management certificate),"
                + " edge-ca (the CA of the edge's client certificate: stamps trust old and new until the edge"
                + " uses its new certificate and the overlap is over),"
                + " operator-ca (the CA of the operator's and the scrapers' client certificates: every management"
                + " listener trusts old and new until both are reissued and the overlap is over),"
                + " edge-id (each stamp's X-Edge-Id: stamps accept old and new until the edge sends the new),"
                + " service-passwords (every service's Cassandra role and Kafka user; cassandra-passwords or"
                + " kafka-passwords for one engine only).",
                "Exits 19 when a service did not follow in time (run it again to complete the rotation)."})
public final class RotateCommand implements Callable<Integer>, OutputOptions.Aware {

    enum What {
        API_KEY("api-key"),
        EDGE_ID("edge-id"),
        SERVICE_CERTIFICATES("service-certificates"),
        EDGE_CERTIFICATES("edge-certificates"),
        EGRESS_CERTIFICATES("egress-certificates"),
        EDGE_CA("edge-ca"),
        OPERATOR_CA("operator-ca"),
        SERVICE_PASSWORDS("service-passwords"),
        CASSANDRA_PASSWORDS("cassandra-passwords"),
        KAFKA_PASSWORDS("kafka-passwords");

        final String name;

        What(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "WHAT", converter = WhatConverter.class,
            description = "What to rotate: api-key, edge-id, service-certificates, edge-certificates, egress-certificates,"
                    + " edge-ca, operator-ca,"
                    + " service-passwords, cassandra-passwords, kafka-passwords.")
    What what;

    @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "api-key, edge-id, edge-ca and operator-ca: how long old and new are both valid after every"
                    + " stamp takes the new one and the operator's copy (api-key), the edge (edge-id, edge-ca) or the"
                    + " operator and the scrapers (operator-ca) hold it: 0, 500ms,"
                    + " 5s, 2m"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration overlap;

    @Override
    public Integer call() throws InterruptedException {
        RunLayout layout = new RunLayout(topology.runDir());
        if (!Files.isDirectory(layout.tierSecrets())) {
            throw new ExitException(ExitCode.DEGRADED, "nothing to rotate in " + layout.runDir() + ": run `citadel up`");
        }
        ReleaseState release = ReleaseState.read(layout.runDir());
        if (release.inProgress()) {
            // Two units run, and a release reissues the stamp certificates itself: one change at a time.
            throw new ExitException(ExitCode.DEGRADED, "a release is in progress (unit " + release.candidate()
                    + ", pid " + release.pid() + "); rotate once it has finished or been rolled back");
        }
        // The stamps' services are where the serving unit runs (after a release, unit b's addresses).
        Topology topo = ServingUnit.of(layout.runDir()).place(TopologyLoader.load(topology.topology()));
        if (what == What.EDGE_ID) {
            return edgeId(topo, layout);
        }
        if (what == What.EDGE_CA) {
            return edgeCa(topo, layout);
        }
        if (what == What.OPERATOR_CA) {
            return operatorCa(topo, layout);
        }
        if (what == What.SERVICE_PASSWORDS || what == What.CASSANDRA_PASSWORDS || what == What.KAFKA_PASSWORDS) {
            return passwords(what, topo, layout);
        }
        if (what != What.API_KEY) {
            return certificates(what, topo, layout);
        }
        Map<String, Path> files = new LinkedHashMap<>();
        topo.regions().forEach(r -> files.put(r.name(),
                layout.secretsDir(ServiceKind.CATALOG_API, r.name()).resolve("api-keys")));
        PrintWriter out = output.quiet() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        out.printf("rotating the API key of %d stamp(s), overlap %d ms%n", files.size(), overlap.toMillis());
        out.flush();
        try {
            new ApiKeyRotation(SecretDirectory.open(layout.tierSecrets()), files, new HttpKeyProbe(topo, layout),
                    overlap, ApiKeyRotation.FOLLOW_TIMEOUT, out).run();
        } catch (ApiKeyRotation.Incomplete e) {
            throw new ExitException(ExitCode.ROTATION_INCOMPLETE, e.getMessage());
        }
        return ExitCode.OK;
    }

    /** Stamps accept old and new ids while the edge switches; the old one goes once the edge sends the new. */
    private int edgeId(Topology topo, RunLayout layout) throws InterruptedException {
        Map<String, EdgeIdRotation.Stamp> stamps = new LinkedHashMap<>();
        for (Topology.Region region : topo.regions()) {
            stamps.put(region.name(), new EdgeIdRotation.Stamp(HttpEdgeIdProbe.CHECKING.stream()
                    .map(kind -> layout.secretsDir(kind, region.name()).resolve("edge-id")).toList(),
                    layout.edgeIdFile(region.name())));
        }
        PrintWriter out = output.quiet() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        out.printf("rotating the edge id of %d stamp(s), overlap %d ms%n", stamps.size(), overlap.toMillis());
        out.flush();
        HttpEdgeIdProbe probe = new HttpEdgeIdProbe(topo, layout);
        try {
            new EdgeIdRotation(SecretDirectory.open(layout.tierSecrets()), stamps, probe, probe, overlap,
                    ApiKeyRotation.FOLLOW_TIMEOUT, out).run();
        } catch (ApiKeyRotation.Incomplete e) {
            throw new ExitException(ExitCode.ROTATION_INCOMPLETE, e.getMessage());
        }
        return ExitCode.OK;
    }

    /**
     * The edge CA issues only the edge's client certificate; the stamps' public listeners (catalog-api,
     * health-service, web-ui) trust it through {@code tls/edge-ca.crt}, which their SSL bundles reload
     * ({@link CaRotation}).
     */
    private int edgeCa(Topology topo, RunLayout layout) throws InterruptedException {
        List<Path> trustFiles = new ArrayList<>();
        List<CaRotation.Consumer> consumers = new ArrayList<>();
        TrustManager[] serverTrust = serverTrust(layout);
        for (Topology.Region region : topo.regions()) {
            for (ServiceKind kind : ServiceKind.values()) {
                if (kind == ServiceKind.EDGE) {
                    continue;
                }
                Path file = layout.tlsDir(kind, region.name()).resolve("edge-ca.crt");
                if (Files.exists(file)) {
                    trustFiles.add(file);
                }
            }
            for (ServiceKind kind : List.of(ServiceKind.CATALOG_API, ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI)) {
                ServiceNode node = ServiceCommandLines.node(kind, topo.stamp(region.name()));
                consumers.add(consumer(kind.component(region.name()), new ClientCertificateProbe(serverTrust,
                        new InetSocketAddress(node.address(), node.port()))));
            }
        }
        CaRotation.Leaf edgeClient = new CaRotation.Leaf(ServiceKind.EDGE.component(null),
                ca -> StampPki.reissueEdgeClient(layout, ca),
                new EdgeTlsCheck(topo, layout, "origin-client"));
        PrintWriter out = output.quiet() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        out.printf("rotating the edge CA: %d trust file(s), %d listener(s), overlap %d ms%n", trustFiles.size(),
                consumers.size(), overlap.toMillis());
        out.flush();
        try {
            new CaRotation("edge-ca", layout.edgeCaDir(), topo.clusterName() + " edge CA", trustFiles, consumers,
                    List.of(edgeClient), StampPki.edgeClientName(), overlap, CaRotation.FOLLOW_TIMEOUT, out).run();
        } catch (ApiKeyRotation.Incomplete e) {
            throw new ExitException(ExitCode.ROTATION_INCOMPLETE, e.getMessage());
        }
        return ExitCode.OK;
    }

    /**
     * The operator CA issues the operator's certificate and each health-service's scrape certificate; every
     * management listener trusts it through a trust file it follows ({@link OperatorCaParts}).
     */
    private int operatorCa(Topology topo, RunLayout layout) throws InterruptedException {
        List<Path> trustFiles = OperatorCaParts.trustFiles(topo, layout);
        for (Path file : trustFiles) {
            if (!Files.exists(file)) {
                throw new ExitException(ExitCode.DEGRADED, "no trust file " + file + "; run `citadel up`");
            }
        }
        TrustManager[] serverTrust = serverTrust(layout);
        List<CaRotation.Consumer> consumers = new ArrayList<>();
        OperatorCaParts.managementListeners(topo).forEach((name, listener) ->
                consumers.add(consumer(name, new ClientCertificateProbe(serverTrust, listener))));
        List<CaRotation.Leaf> leaves = OperatorCaParts.leaves(topo, layout);
        PrintWriter out = output.quiet() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        out.printf("rotating the operator CA: %d trust file(s), %d listener(s), %d certificate(s), overlap %d ms%n",
                trustFiles.size(), consumers.size(), leaves.size(), overlap.toMillis());
        out.flush();
        try {
            new CaRotation("operator-ca", layout.operatorCaDir(), topo.clusterName() + " operator CA", trustFiles,
                    consumers, leaves, StampPki.operatorName(), overlap, CaRotation.FOLLOW_TIMEOUT, out).run();
        } catch (ApiKeyRotation.Incomplete e) {
            throw new ExitException(ExitCode.ROTATION_INCOMPLETE, e.getMessage());
        }
        return ExitCode.OK;
    }

    /** What every listener's server certificate chains to: the installation CA. */
    private static TrustManager[] serverTrust(RunLayout layout) {
        try {
            return OperatorTls.trustingRunCa(layout);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new ExitException(ExitCode.DEGRADED, "cannot read the run's CA certificate: " + e.getMessage());
        }
    }

    private static CaRotation.Consumer consumer(String name, ClientCertificateProbe probe) {
        return new CaRotation.Consumer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CaRotation.Verdict verdict(IssuedCertificate leaf) {
                return probe.verdict(leaf);
            }
        };
    }

    /**
     * Every service's own Cassandra role and Kafka user get a new password; the services read their password files at
     * every new connection ({@link ServicePasswordRotation}).
     */
    private int passwords(What what, Topology topo, RunLayout layout) throws InterruptedException {
        // Attached, never closed: closing a DataTier stops its engines.
        DataTier tier = DataTier.attach(layout.runDir());
        PrintWriter out = output.quiet() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        CassandraAccess cassandra = tier.cassandra();
        try (CqlSession admin = what == What.KAFKA_PASSWORDS ? null
                : cassandra.session(topo.regions().get(0).cassandra().dataCenter())) {
            List<ServicePasswordRotation.Account> accounts = new ArrayList<>();
            for (Topology.Region region : topo.regions()) {
                String r = region.name();
                if (admin != null) {
                    for (ServiceKind kind : List.of(ServiceKind.CATALOG_API, ServiceKind.BACKGROUND_PROCESSOR,
                            ServiceKind.HEALTH_SERVICE)) {
                        String role = kind.cassandraRole(r);
                        accounts.add(new ServicePasswordRotation.Account("cassandra-" + role,
                                layout.secretsDir(kind, r).resolve("cassandra-password"),
                                new CassandraPasswordEngine(cassandra, admin, role)));
                    }
                }
                if (what != What.CASSANDRA_PASSWORDS) {
                    // Each release unit has its own broker: the serving unit's services log in at theirs.
                    KafkaAccess broker = tier.kafka(ServingUnit.of(layout.runDir()).unit().broker(r));
                    for (KafkaPlan.User user : KafkaPlan.USERS) {
                        accounts.add(new ServicePasswordRotation.Account("kafka-" + r + "-" + user.name(),
                                layout.secretsDir(user.service(), r).resolve("kafka-password"),
                                new KafkaPasswordEngine(broker, user.name())));
                    }
                }
            }
            out.printf("rotating the passwords of %d service account(s)%n", accounts.size());
            out.flush();
            new ServicePasswordRotation(SecretDirectory.open(layout.tierSecrets()), accounts,
                    ServicePasswordRotation.FOLLOW_TIMEOUT, out).run();
        } catch (ApiKeyRotation.Incomplete e) {
            throw new ExitException(ExitCode.ROTATION_INCOMPLETE, e.getMessage());
        }
        return ExitCode.OK;
    }

    /**
     * Each stamp's Spring services reload their PEM bundles when the files change, the edge and the egress
     * firewalls (Netty) follow theirs the same way; the rotation waits until every listener presents the new one.
     */
    private int certificates(What what, Topology topo, RunLayout layout) throws InterruptedException {
        StampPki pki = StampPki.loadOrCreate(layout, topo.clusterName());
        List<CertificateRotation.Target> targets = new ArrayList<>();
        Set<InetSocketAddress> management = new HashSet<>();
        if (what == What.EDGE_CERTIFICATES) {
            Topology.EdgeNode edge = topo.edge();
            InetSocketAddress mgmt = new InetSocketAddress(edge.address(), edge.managementPort());
            management.add(mgmt);
            // The public listener asks for no client certificate; the operator's context trusts the installation CA.
            targets.add(new CertificateRotation.Target(ServiceKind.EDGE.component(null), () -> pki.reissueEdge(edge),
                    List.of(new InetSocketAddress(edge.address(), edge.port()), mgmt)));
        }
        for (Topology.Region region : what == What.EGRESS_CERTIFICATES ? topo.regions() : List.<Topology.Region>of()) {
            ServiceNode node = topo.stamp(region.name()).egressFirewall().node();
            InetSocketAddress mgmt = new InetSocketAddress(node.address(), node.managementPort());
            management.add(mgmt);
            targets.add(new CertificateRotation.Target(ServiceKind.EGRESS_FIREWALL.component(region.name()),
                    () -> pki.reissueService(ServiceKind.EGRESS_FIREWALL, region.name(), node.address()),
                    List.of(mgmt)));
        }
        for (Topology.Region region : what == What.SERVICE_CERTIFICATES ? topo.regions() : List.<Topology.Region>of()) {
            for (ServiceKind kind : List.of(ServiceKind.CATALOG_API, ServiceKind.BACKGROUND_PROCESSOR,
                    ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI)) {
                ServiceNode node = ServiceCommandLines.node(kind, topo.stamp(region.name()));
                List<InetSocketAddress> listeners = new ArrayList<>();
                InetSocketAddress mgmt = new InetSocketAddress(node.address(), node.managementPort());
                management.add(mgmt);
                listeners.add(mgmt);
                if (kind != ServiceKind.BACKGROUND_PROCESSOR) {
                    listeners.add(new InetSocketAddress(node.address(), node.port()));
                }
                targets.add(new CertificateRotation.Target(kind.component(region.name()),
                        () -> pki.reissueService(kind, region.name(), node.address()), listeners));
            }
        }
        PrintWriter out = output.quiet() ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        out.printf("rotating the %s of %d component(s)%n", what == What.EDGE_CERTIFICATES
                ? "server and client certificates" : "server certificates", targets.size());
        out.flush();
        TlsCertificateProbe asOperator = new TlsCertificateProbe(OperatorTls.context(layout));
        TlsCertificateProbe asEdge = new TlsCertificateProbe(ChaosTls.edgeClient(layout));
        try {
            new CertificateRotation(targets, l -> (management.contains(l) ? asOperator : asEdge).presentedSerial(l),
                    CertificateRotation.FOLLOW_TIMEOUT, out).run();
        } catch (ApiKeyRotation.Incomplete e) {
            throw new ExitException(ExitCode.ROTATION_INCOMPLETE, e.getMessage());
        }
        return ExitCode.OK;
    }

    @Override
    public OutputOptions output() {
        return output;
    }

    static final class WhatConverter implements CommandLine.ITypeConverter<What> {
        @Override
        public What convert(String value) {
            for (What w : What.values()) {
                if (w.name.equals(value)) {
                    return w;
                }
            }
            throw new CommandLine.TypeConversionException("cannot rotate '" + value
                    + "' (yet); known: api-key, edge-id, service-certificates, edge-certificates, egress-certificates,"
                    + " edge-ca, operator-ca, service-passwords, cassandra-passwords, kafka-passwords");
        }
    }
}
