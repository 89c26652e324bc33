package dev.citadel.health.it;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.schema.AccessProfile;
import dev.citadel.catalog.schema.Migrations;
import dev.citadel.catalog.schema.RoleGrant;
import dev.citadel.catalog.schema.RoleProvisioner;
import dev.citadel.catalog.schema.SchemaMigrator;
import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Prepares what one health-service needs on the real engines, as the CLI does in production: the catalog schema
 * (migrated by an admin; it includes the {@code health_probe} table), the least-privilege role {@code health}
 * profile (SELECT on the keyspace, MODIFY on {@code health_probe} only), a topic, and a SCRAM user allowed to write
 * the topic and describe the processor's consumer group. {@link #properties()} points the service at it all.
 */
final class HealthEngines {

    final TestEngines engines = SharedEngines.get();
    final String keyspace = engines.uniqueName("health");
    final String topic = engines.uniqueName("catalog-events");
    final String group = engines.uniqueName("background-processor");
    final KafkaAccess kafka;
    private final Map<String, String> properties = new LinkedHashMap<>();

    /**
     * @param kafka     the broker (shared, or a dedicated one a test may stop)
     * @param dc        the stamp's Cassandra DC ({@code dc1} or {@code dc2})
     * @param stateFile where the rotation state persists
     */
    HealthEngines(KafkaAccess kafka, String dc, Path stateFile) {
        this.kafka = kafka;
        String role = engines.uniqueName("health_service");
        Secret rolePassword = Passwords.generate();
        retrying(() -> {
            try (CqlSession admin = engines.newCqlSession("dc1")) {
                new SchemaMigrator(admin, keyspace, Map.of("dc1", 1, "dc2", 1), Migrations.ALL,
                        Duration.ofSeconds(30)).migrate();
                new RoleProvisioner(admin, keyspace, Duration.ofSeconds(30))
                        .provision(List.of(new RoleGrant(role, AccessProfile.HEALTH, rolePassword)));
                engines.awaitSchemaAgreement(admin);
                return null;
            }
        });
        kafka.createTopic(topic, 3);
        String user = engines.uniqueName("health-service");
        Secret userPassword = kafka.createUser(user);
        kafka.grantProduce(user, topic);
        kafka.grant(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.DESCRIBE);

        String contactPoints = engines.cassandra().contactPoints(dc).stream()
                .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).collect(Collectors.joining(","));
        String p = "citadel.health.";
        properties.put(p + "region", "it-region");
        properties.put(p + "interval", "1s");
        properties.put(p + "timeout", "3s");
        properties.put(p + "state-file", stateFile.toString());
        properties.put(p + "model.window", "5s");
        properties.put(p + "cassandra.contact-points", contactPoints);
        properties.put(p + "cassandra.local-dc", dc);
        properties.put(p + "cassandra.keyspace", keyspace);
        properties.put(p + "cassandra.username", role);
        properties.put(p + "cassandra.password", rolePassword.reveal());
        properties.put(p + "cassandra.truststore-path", engines.cassandra().trustStore().toString());
        properties.put(p + "cassandra.truststore-password", engines.cassandra().trustStorePassword().reveal());
        properties.put(p + "kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put(p + "kafka.topic", topic);
        properties.put(p + "kafka.username", user);
        properties.put(p + "kafka.password", userPassword.reveal());
        properties.put(p + "kafka.truststore-path", kafka.trustStore().toString());
        properties.put(p + "kafka.truststore-password", kafka.trustStorePassword().reveal());
        properties.put(p + "kafka.consumer-group", group);
        properties.put("management.server.port", "0");
        // The ITs call the management port over plain HTTP: no client certificate, so no identity to authorise.
        properties.put("citadel.management.plaintext-allowed", "true");
    }

    Map<String, String> properties() {
        return properties;
    }

    /** Setup DDL and grants can time out on a loaded 2-core machine: retry as an operator would. */
    static <T> T retrying(Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(2000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
