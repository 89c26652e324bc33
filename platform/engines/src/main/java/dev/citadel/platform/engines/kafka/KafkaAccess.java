package dev.citadel.platform.engines.kafka;

import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * How to reach one Kafka broker of a data tier (SASL_SSL, SCRAM-SHA-512) and administer its users
 * and ACLs through the Admin API.
 *
 * <pre>{@code
 * Secret pw = kafka.createUser("catalog-api");
 * kafka.createTopic("catalog-events", 3);
 * kafka.grantProduce("catalog-api", "catalog-events");
 * try (var producer = new KafkaProducer<>(kafka.clientProperties("catalog-api", pw), ...)) { ... }
 * }</pre>
 */
public final class KafkaAccess {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String brokerName;
    private final String bootstrapServers;
    private final Secret adminPassword;
    private final Path trustStore;
    private final Secret trustStorePassword;

    public KafkaAccess(String brokerName, String bootstrapServers, Secret adminPassword, Path trustStore,
                       Secret trustStorePassword) {
        this.brokerName = brokerName;
        this.bootstrapServers = bootstrapServers;
        this.adminPassword = adminPassword;
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
    }

    public String brokerName() {
        return brokerName;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String adminUsername() {
        return KafkaConfig.ADMIN_USER;
    }

    public Secret adminPassword() {
        return adminPassword;
    }

    public Path trustStore() {
        return trustStore;
    }

    public Secret trustStorePassword() {
        return trustStorePassword;
    }

    /** Client properties (bootstrap, SASL_SSL, SCRAM-SHA-512, truststore) for the admin user. */
    public Properties adminProperties() {
        return clientProperties(KafkaConfig.ADMIN_USER, adminPassword);
    }

    /** Client properties for any user; add serializers, group id etc. as needed. */
    public Properties clientProperties(String user, Secret password) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, KafkaConfig.SCRAM_MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, KafkaConfig.scramJaas(user, password));
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStorePassword.reveal());
        p.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
        return p;
    }

    /** A new Admin client as the admin user; the caller closes it. */
    public Admin admin() {
        Properties p = adminProperties();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
        return Admin.create(p);
    }

    /** Creates a SCRAM user with a generated password and returns it; waits until the broker knows it. */
    public Secret createUser(String user) {
        Secret password = Passwords.generate();
        createUser(user, password);
        return password;
    }

    /** Creates or updates a SCRAM user; waits until the broker knows it. */
    public void createUser(String user, Secret password) {
        requireName(user);
        try (Admin admin = admin()) {
            get(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password.reveal()))).all());
            awaitTrue("SCRAM user " + user, () -> get(admin.describeUserScramCredentials(List.of(user)).all())
                    .containsKey(user));
        }
    }

    /** Creates a topic (replication factor 1: one broker per stamp); no error when it exists. */
    public void createTopic(String topic, int partitions) {
        requireName(topic);
        try (Admin admin = admin()) {
            try {
                get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** WRITE and DESCRIBE on the topic (idempotent producing needs nothing more since Kafka 3). */
    public void grantProduce(String user, String topic) {
        requireName(topic);
        grant(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), AclOperation.WRITE, AclOperation.DESCRIBE);
    }

    /** READ and DESCRIBE on the topic, READ on the consumer group. */
    public void grantConsume(String user, String topic, String group) {
        requireName(topic);
        requireName(group);
        grant(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), AclOperation.READ, AclOperation.DESCRIBE);
        grant(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.READ);
    }

    /** Allows {@code operations} on {@code resource} to {@code user} from any host; waits until in force. */
    public void grant(String user, ResourcePattern resource, AclOperation... operations) {
        requireName(user);
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation op : operations) {
            bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
        }
        try (Admin admin = admin()) {
            get(admin.createAcls(bindings).all());
            awaitTrue("ACLs of " + user + " on " + resource, () -> bindings.stream().allMatch(b -> !get(
                    admin.describeAcls(b.toFilter()).values()).isEmpty()));
        }
    }

    /** Removes every ACL of {@code user}. */
    public void revokeAll(String user) {
        requireName(user);
        try (Admin admin = admin()) {
            AclBindingFilter filter = new AclBindingFilter(org.apache.kafka.common.resource.ResourcePatternFilter.ANY,
                    new org.apache.kafka.common.acl.AccessControlEntryFilter("User:" + user, null, AclOperation.ANY,
                            AclPermissionType.ANY));
            get(admin.deleteAcls(List.of(filter)).all());
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid Kafka name: '" + name + "'");
        }
    }

    static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka admin call timed out after " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(ADMIN_TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " not visible after " + ADMIN_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaAccess[" + brokerName + " at " + bootstrapServers + "]";
    }
}
