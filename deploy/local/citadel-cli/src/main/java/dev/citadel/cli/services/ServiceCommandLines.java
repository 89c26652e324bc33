package dev.citadel.cli.services;

import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.cli.topology.Topology.ServiceNode;
import dev.citadel.cli.topology.Topology.StampNodes;
import dev.citadel.platform.engines.process.EngineProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one service of the topology into its child-JVM argv: a pure function (STYLE.md §7), tested on the strings.
 * Every service gets the SSL bundles of the contract (edge-facing port: server certificate, edge CA required;
 * management port: same certificate, operator CA required), binds to its own loopback address, and carries the
 * Citadel marker {@code -Dcitadel.engine=<component>} so {@code status}/{@code down} recognise its pid.
 */
public final class ServiceCommandLines {

    static final String KAFKA_TOPIC = dev.citadel.cli.provision.KafkaPlan.TOPIC;
    static final String KAFKA_DLQ = dev.citadel.cli.provision.KafkaPlan.DEAD_LETTER_TOPIC;
    static final String PROCESSOR_GROUP = dev.citadel.cli.provision.KafkaPlan.PROCESSOR_GROUP;

    private ServiceCommandLines() {}

    public static List<String> argv(String java, Path jar, ServiceKind kind, Region region, Topology topology,
                                    RunLayout layout) {
        return argv(java, List.of(), jar, kind, region, topology, layout);
    }

    /** @param jvmOptions extra JVM options (class-data sharing), placed before {@code -jar}. */
    public static List<String> argv(String java, List<String> jvmOptions, Path jar, ServiceKind kind, Region region,
                                    Topology topology, RunLayout layout) {
        StampNodes stamp = topology.stamp(region.name());
        List<String> argv = new ArrayList<>(jvm(java, kind.component(region.name()), node(kind, stamp).heapMb(), layout));
        argv.addAll(jvmOptions);
        if (kind == ServiceKind.EGRESS_FIREWALL) {
            // Its own rotating file instead of the console (the jar's logback-file.xml).
            argv.add("-Dlogback.configurationFile=logback-file.xml");
            argv.add("-Degress.log.file=" + layout.logFile(kind.component(region.name())));
        }
        argv.add("-jar");
        argv.add(jar.toString());
        if (kind.springBoot()) {
            logging(argv, layout.logFile(kind.component(region.name())));
        }
        switch (kind) {
            case CATALOG_API -> catalogApi(argv, region, stamp, layout);
            case BACKGROUND_PROCESSOR -> processor(argv, region, stamp, layout);
            case HEALTH_SERVICE -> healthService(argv, region, stamp, layout);
            case WEB_UI -> webUi(argv, region, stamp, layout);
            case EGRESS_FIREWALL -> argv.addAll(List.of("--config", layout.egressConfig(region.name()).toString()));
            case EDGE -> throw new IllegalArgumentException("the edge is not a stamp service; use edgeArgv");
        }
        return argv;
    }

    public static List<String> edgeArgv(String java, Path jar, Topology topology, RunLayout layout) {
        return edgeArgv(java, List.of(), jar, topology, layout);
    }

    public static List<String> edgeArgv(String java, List<String> jvmOptions, Path jar, Topology topology,
                                        RunLayout layout) {
        List<String> argv = new ArrayList<>(jvm(java, ServiceKind.EDGE.component(null), topology.edge().heapMb(), layout));
        argv.addAll(jvmOptions);
        argv.add("-Dedge.log.dir=" + layout.logs());
        argv.add("-jar");
        argv.add(jar.toString());
        argv.add("--config");
        argv.add(layout.edgeConfig().toString());
        return argv;
    }

    /**
     * Spring Boot's own rolling file (10 MB a file, 100 MB in all, 7 days) instead of the console, so no log grows
     * without bound; the supervisor sends what still reaches stdout to {@code <component>.out}.
     */
    private static void logging(List<String> argv, Path logFile) {
        argv.add("--logging.file.name=" + logFile);
        argv.add("--logging.logback.rollingpolicy.max-file-size=10MB");
        argv.add("--logging.logback.rollingpolicy.total-size-cap=100MB");
        argv.add("--logging.logback.rollingpolicy.max-history=7");
        argv.add("--logging.threshold.console=OFF");
    }

    public static ServiceNode node(ServiceKind kind, StampNodes stamp) {
        return switch (kind) {
            case CATALOG_API -> stamp.catalogApi();
            case BACKGROUND_PROCESSOR -> stamp.backgroundProcessor();
            case HEALTH_SERVICE -> stamp.healthService();
            case WEB_UI -> stamp.webUi();
            case EGRESS_FIREWALL -> stamp.egressFirewall().node();
            case EDGE -> throw new IllegalArgumentException("the edge has no stamp node");
        };
    }

    private static List<String> jvm(String java, String component, int heapMb, RunLayout layout) {
        // Serial GC: small heaps on a 2-core machine shared by a dozen JVMs; G1's extra threads buy nothing here.
        return List.of(java, "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", EngineProcess.marker(component));
    }

    private static void catalogApi(List<String> argv, Region region, StampNodes stamp, RunLayout layout) {
        ServiceNode node = stamp.catalogApi();
        edgeFacing(argv, ServiceKind.CATALOG_API, region.name(), node, layout);
        String p = "--citadel.catalog-api.";
        argv.add(p + "region=" + region.name());
        argv.add(p + "server-name=" + ServiceKind.CATALOG_API.component(region.name()));
        cassandra(argv, p, ServiceKind.CATALOG_API, region, layout);
        argv.add(p + "cassandra.truststore-path=" + layout.clientTrustStore());
        kafka(argv, p, region, ServiceKind.CATALOG_API, layout);
        argv.add(p + "kafka.topic=" + KAFKA_TOPIC);
        // Item images are fetched only through the stamp's egress firewall, as the source it knows (the password is
        // the egress-password secret).
        ServiceNode firewall = stamp.egressFirewall().node();
        argv.add(p + "images.proxy-host=" + firewall.address());
        argv.add(p + "images.proxy-port=" + firewall.port());
        argv.add(p + "images.proxy-username=" + ServiceKind.CATALOG_API.id());
    }

    private static void processor(List<String> argv, Region region, StampNodes stamp, RunLayout layout) {
        ServiceNode node = stamp.backgroundProcessor();
        // No public API: its only port is the management one, so the server port itself requires the operator CA.
        Path tls = layout.tlsDir(ServiceKind.BACKGROUND_PROCESSOR, region.name());
        bundle(argv, "operator", tls, "operator-ca.crt");
        argv.add(BUNDLE_QUIET_PERIOD);
        argv.add("--server.address=" + node.address());
        argv.add("--server.port=" + node.managementPort());
        argv.add("--server.ssl.bundle=operator");
        argv.add("--server.ssl.client-auth=need");
        argv.add("--management.endpoint.health.probes.enabled=true");
        // Names the stamp's scraper identity (scraper.<region>) that may read its metrics.
        argv.add("--citadel.region=" + region.name());
        String p = "--citadel.processor.";
        cassandra(argv, p, ServiceKind.BACKGROUND_PROCESSOR, region, layout);
        argv.add(p + "cassandra.truststore-path=" + layout.clientTrustStore());
        kafka(argv, p, region, ServiceKind.BACKGROUND_PROCESSOR, layout);
        argv.add(p + "kafka.truststore-type=PKCS12");
        argv.add(p + "kafka.topic=" + KAFKA_TOPIC);
        argv.add(p + "kafka.dead-letter-topic=" + KAFKA_DLQ);
        argv.add(p + "kafka.group-id=" + PROCESSOR_GROUP);
    }

    private static void healthService(List<String> argv, Region region, StampNodes stamp, RunLayout layout) {
        ServiceNode node = stamp.healthService();
        edgeFacing(argv, ServiceKind.HEALTH_SERVICE, region.name(), node, layout);
        String p = "--citadel.health.";
        argv.add(p + "region=" + region.name());
        argv.add(p + "state-file=" + layout.serviceDir(ServiceKind.HEALTH_SERVICE, region.name()).resolve("rotation.state"));
        cassandra(argv, p, ServiceKind.HEALTH_SERVICE, region, layout);
        argv.add(p + "cassandra.keyspace=citadel_catalog");
        argv.add(p + "cassandra.truststore-path=" + layout.clientTrustStore());
        kafka(argv, p, region, ServiceKind.HEALTH_SERVICE, layout);
        argv.add(p + "kafka.topic=" + KAFKA_TOPIC);
        argv.add(p + "kafka.consumer-group=" + PROCESSOR_GROUP);
        ServiceNode api = stamp.catalogApi();
        ServiceNode processor = stamp.backgroundProcessor();
        argv.add(p + "signals.catalog-api-metrics-url=https://" + api.address() + ":" + api.managementPort()
                + "/actuator/prometheus");
        argv.add(p + "signals.processor-metrics-url=https://" + processor.address() + ":" + processor.managementPort()
                + "/actuator/prometheus");
        Path tls = layout.tlsDir(ServiceKind.HEALTH_SERVICE, region.name());
        argv.add(p + "signals.client-certificate=" + scraperCertificate(layout, region.name()));
        argv.add(p + "signals.client-private-key=" + scraperPrivateKey(layout, region.name()));
        argv.add(p + "signals.ca-certificate=" + layout.stampCaPem());
    }

    /** health-service's own identity on the stamp's management ports: {@code CN=scraper.<region>}, metrics only. */
    public static String scraperName(String region) {
        return "scraper." + region;
    }

    static Path scraperCertificate(RunLayout layout, String region) {
        return layout.tlsDir(ServiceKind.HEALTH_SERVICE, region).resolve("scraper/" + scraperName(region) + ".crt");
    }

    static Path scraperPrivateKey(RunLayout layout, String region) {
        return layout.tlsDir(ServiceKind.HEALTH_SERVICE, region).resolve("scraper/" + scraperName(region) + ".key");
    }

    private static void webUi(List<String> argv, Region region, StampNodes stamp, RunLayout layout) {
        edgeFacing(argv, ServiceKind.WEB_UI, region.name(), stamp.webUi(), layout);
        argv.add("--citadel.web-ui.region=" + region.name());
        argv.add("--citadel.web-ui.api-base=/api/1.0");
    }

    /** The contract's two listeners: edge-facing (edge CA required) and management (operator CA required). */
    private static void edgeFacing(List<String> argv, ServiceKind kind, String region, ServiceNode node,
                                   RunLayout layout) {
        Path tls = layout.tlsDir(kind, region);
        bundle(argv, "edge", tls, "edge-ca.crt");
        bundle(argv, "operator", tls, "operator-ca.crt");
        argv.add(BUNDLE_QUIET_PERIOD);
        argv.add("--server.address=" + node.address());
        argv.add("--server.port=" + node.port());
        argv.add("--server.ssl.bundle=edge");
        argv.add("--server.ssl.client-auth=need");
        argv.add("--management.server.address=" + node.address());
        argv.add("--management.server.port=" + node.managementPort());
        argv.add("--management.server.ssl.bundle=operator");
        argv.add("--management.server.ssl.client-auth=need");
        argv.add("--management.endpoint.health.probes.enabled=true");
    }

    /**
     * A bundle the server reloads when its files change (`citadel rotate service-certificates`): new handshakes get the
     * new certificate, open connections keep theirs.
     */
    private static void bundle(List<String> argv, String name, Path tls, String trustedCa) {
        String b = "--spring.ssl.bundle.pem." + name + ".";
        argv.add(b + "keystore.certificate=file:" + tls.resolve("server.crt"));
        argv.add(b + "keystore.private-key=file:" + tls.resolve("server.key"));
        argv.add(b + "truststore.certificate=file:" + tls.resolve(trustedCa));
        argv.add(b + "reload-on-update=true");
    }

    /**
     * A bundle's files are written one after the other (certificate, then key); the reload waits until none has
     * changed for this long, so it never pairs a new certificate with the old key.
     */
    static final String BUNDLE_QUIET_PERIOD = "--spring.ssl.bundle.watch.file.quiet-period=1s";

    private static void cassandra(List<String> argv, String prefix, ServiceKind kind, Region region, RunLayout layout) {
        var c = region.cassandra();
        argv.add(prefix + "cassandra.contact-points=" + c.address() + ":" + c.nativePort());
        argv.add(prefix + "cassandra.local-dc=" + c.dataCenter());
        argv.add(prefix + "cassandra.username=" + kind.cassandraRole(region.name()));
    }

    private static void kafka(List<String> argv, String prefix, Region region, ServiceKind kind, RunLayout layout) {
        var k = region.kafka();
        argv.add(prefix + "kafka.bootstrap-servers=" + k.address() + ":" + k.port());
        argv.add(prefix + "kafka.username=" + kind.id());
        argv.add(prefix + "kafka.truststore-path=" + layout.clientTrustStore());
    }
}
