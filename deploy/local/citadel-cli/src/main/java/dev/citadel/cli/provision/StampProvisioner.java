package dev.citadel.cli.provision;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.schema.MigrationReport;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.RoleGrant;
import dev.citadel.catalog.schema.RoleProvisioner;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.cli.release.ReleaseUnit;
import dev.citadel.cli.services.EdgeConfig;
import dev.citadel.cli.services.EgressFirewallConfig;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceCommandLines;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.supervisor.Progress;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.Topology.Region;
import dev.citadel.platform.engines.DataTier;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import dev.citadel.platform.pki.SecureFiles;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Everything the services need before they start, created on first start and re-applied (idempotently) on every
 * {@code up}: certificates, key-per-file secrets per service, the catalog schema, one Cassandra role and one Kafka
 * SCRAM user per service with least privilege, the stamp topics, the edge's configuration, and the sample data
 * (first start only). Runs in the CLI's own process against the running data tier, as its admin.
 */
public final class StampProvisioner {

    public static final String KEYSPACE = "citadel_catalog";
    /**
     * In the tier's secret directory: one API key for the release (a client cannot choose the stamp the edge sends it
     * to, so the key is valid at every stamp) and one edge id per stamp ({@code edge-id-<region>}: a stamp accepts
     * only its own, so one stamp's secrets open no other stamp).
     */
    public static final String RELEASE_API_KEY = "release-api-key";
    public static final String EDGE_ID = "edge-id";
    private static final String TRUSTSTORE_PASSWORD = "client-truststore-password";
    private static final Duration CQL_TIMEOUT = Duration.ofSeconds(30);

    private final Topology topology;
    private final RunLayout layout;
    private final Progress progress;
    private final ReleaseUnit unit;

    public StampProvisioner(Topology topology, RunLayout layout, Progress progress) {
        this(topology, layout, progress, ReleaseUnit.A);
    }

    /**
     * For the release unit that serves ({@code topology} as written): its certificates' addresses, its egress
     * configuration, the edge's origins under its names and its own Kafka brokers.
     */
    public StampProvisioner(Topology topology, RunLayout layout, Progress progress, ReleaseUnit unit) {
        this.topology = topology;
        this.layout = layout;
        this.progress = progress;
        this.unit = unit;
    }

    public void provision() {
        progress.step("issuing service, edge and operator certificates");
        StampPki pki = StampPki.loadOrCreate(layout, topology.clusterName());
        SecretDirectory tier = SecretDirectory.open(layout.tierSecrets());
        var apiKey = tier.getOrGeneratePassword(RELEASE_API_KEY);
        Map<String, String> edgeIds = new LinkedHashMap<>();
        var trustPassword = tier.read(TRUSTSTORE_PASSWORD).orElseThrow(
                () -> new IllegalStateException("the data tier's truststore password is missing in " + tier));
        List<RoleGrant> roles = new ArrayList<>();
        for (Region region : topology.regions()) {
            var stamp = topology.stamp(region.name());
            var edgeId = tier.getOrGeneratePassword(EDGE_ID + "-" + region.name());
            edgeIds.put(region.name(), edgeId.reveal());
            for (ServiceKind kind : List.of(ServiceKind.EGRESS_FIREWALL, ServiceKind.CATALOG_API,
                    ServiceKind.BACKGROUND_PROCESSOR, ServiceKind.HEALTH_SERVICE, ServiceKind.WEB_UI)) {
                if (kind == ServiceKind.EGRESS_FIREWALL) {
                    egressFirewall(pki, region.name());
                    continue;
                }
                pki.issueService(kind, region.name(),
                        unit.certificateAddresses(ServiceCommandLines.node(kind, stamp).address()));
                SecretDirectory secrets = SecretDirectory.open(layout.secretsDir(kind, region.name()));
                if (kind != ServiceKind.BACKGROUND_PROCESSOR) {
                    secrets.write("edge-id", edgeId);
                }
                if (kind == ServiceKind.CATALOG_API) {
                    secrets.write("api-keys", apiKey);
                }
                if (kind != ServiceKind.WEB_UI) {
                    secrets.getOrGeneratePassword("cassandra-password");
                    secrets.getOrGeneratePassword("kafka-password");
                    secrets.write("cassandra-truststore-password", trustPassword);
                    secrets.write("kafka-truststore-password", trustPassword);
                    roles.add(new RoleGrant(kind.cassandraRole(region.name()), ServiceKind.CASSANDRA_ACCESS.get(kind),
                            inUse(secrets.read("cassandra-password").orElseThrow())));
                }
            }
        }
        pki.issueEdge(topology.edge());
        pki.issueOperator();
        SecureFiles.ownerOnlyDirectory(layout.serviceDir(ServiceKind.EDGE, null));
        SecretDirectory edgeSecrets = SecretDirectory.open(layout.edgeIdFile(topology.regions().get(0).name()).getParent());
        edgeIds.forEach((region, id) -> edgeSecrets.write(EdgeConfig.edgeIdKey(region), Secret.of(id)));
        SecureFiles.write(layout.edgeConfig(), EdgeConfig.render(unit.place(topology), layout, unit.suffix()));

        DataTier dataTier = DataTier.attach(layout.runDir());
        // Cassandra's schema and roles and each broker's topics, users and ACLs touch nothing of each other: at once,
        // so provisioning takes the slowest of them (the schema on a first start), not their sum.
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> cassandra(dataTier, roles));
        for (Region region : topology.regions()) {
            steps.add(() -> kafka(dataTier.kafka(unit.broker(region.name())), region));
        }
        allAtOnce(steps);
    }

    /** Runs every step on its own thread and rethrows the first failure as it was thrown. */
    static void allAtOnce(List<Runnable> steps) {
        ExecutorService threads = Executors.newFixedThreadPool(steps.size());
        try {
            List<Future<?>> running = steps.stream().<Future<?>>map(threads::submit).toList();
            RuntimeException failure = null;
            for (Future<?> step : running) {
                try {
                    step.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while provisioning", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The firewall's certificate, one proxy password per source service (the same value in the source's secrets and
     * the firewall's) and its configuration.
     */
    private void egressFirewall(StampPki pki, String region) {
        ServiceKind kind = ServiceKind.EGRESS_FIREWALL;
        pki.issueService(kind, region, unit.certificateAddresses(topology.stamp(region).egressFirewall().node().address()));
        SecretDirectory own = SecretDirectory.open(layout.secretsDir(kind, region));
        for (ServiceKind source : EgressFirewallConfig.SOURCES) {
            var password = SecretDirectory.open(layout.secretsDir(source, region))
                    .getOrGeneratePassword(EgressFirewallConfig.SOURCE_PASSWORD);
            own.write(source.id() + "-" + EgressFirewallConfig.SOURCE_PASSWORD, password);
        }
        SecureFiles.write(unit.egressConfig(layout, region), EgressFirewallConfig.render(unit.place(topology), layout, region));
    }

    private void cassandra(DataTier tier, List<RoleGrant> roles) {
        Map<String, Integer> replication = new LinkedHashMap<>();
        topology.regions().forEach(r -> replication.put(r.cassandra().dataCenter(), 1));
        try (CqlSession session = tier.cassandra().session(topology.regions().get(0).cassandra().dataCenter())) {
            progress.step("migrating the catalog schema (keyspace " + KEYSPACE + ", " + replication + ")");
            MigrationReport report = new SchemaMigrator(session, KEYSPACE, replication, Migrations.ALL, CQL_TIMEOUT).migrate();
            progress.step("schema: " + report);
            progress.step("granting " + roles.size() + " Cassandra service roles (least privilege)");
            new RoleProvisioner(session, KEYSPACE, CQL_TIMEOUT).provision(roles);
            if (!Files.exists(sampleMarker())) {
                // Where a browser finds the edge: localhost on loopback, the edge zone's address in isolated mode.
                String edgeHost = topology.edge().address().startsWith("127.") ? "localhost" : topology.edge().address();
                int n = SampleData.load(session, KEYSPACE,
                        "https://" + edgeHost + ":" + topology.edge().port() + "/images/");
                SecureFiles.write(sampleMarker(), "loaded\n");
                progress.step("loaded " + n + " sample items with their images (first start)");
            }
        }
    }

    private java.nio.file.Path sampleMarker() {
        return layout.runDir().resolve("sample-data.loaded");
    }

    private void kafka(KafkaAccess kafka, Region region) {
        kafka(kafka, layout, region, progress);
    }

    /**
     * Topics, and one SCRAM user per service with only the ACLs of {@link KafkaPlan} (Kafka denies everything else),
     * with the passwords the services of {@code region} use: on {@code up}, and on a release unit's own broker.
     */
    public static void kafka(KafkaAccess kafka, RunLayout layout, Region region, Progress progress) {
        progress.step("creating topics, users and ACLs on " + kafka.brokerName());
        for (KafkaPlan.Topic topic : KafkaPlan.TOPICS) {
            kafka.createTopic(topic.name(), topic.partitions());
        }
        for (KafkaPlan.User user : KafkaPlan.USERS) {
            kafka.createUser(user.name(), password(layout, user.service(), region));
            for (KafkaPlan.Grant grant : user.grants()) {
                kafka.grant(user.name(), new ResourcePattern(ResourceType.valueOf(grant.resourceType()),
                        grant.resource(), PatternType.LITERAL),
                        grant.operations().stream().map(AclOperation::valueOf).toArray(AclOperation[]::new));
            }
        }
    }

    private static dev.citadel.platform.pki.Secret password(RunLayout layout, ServiceKind kind, Region region) {
        return inUse(SecretDirectory.open(layout.secretsDir(kind, region.name())).read("kafka-password").orElseThrow());
    }

    /**
     * The password a service uses: the first its file lists. An interrupted {@code rotate service-passwords} leaves
     * two (new first, or old first while the engine still holds the old one); the engine is set to the first.
     */
    static Secret inUse(Secret file) {
        return Secret.listOf(file.reveal()).get(0);
    }
}
