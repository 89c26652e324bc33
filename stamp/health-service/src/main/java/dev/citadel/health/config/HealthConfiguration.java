package dev.citadel.health.config;

import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.health.check.CheckRunner;
import dev.citadel.health.check.DatabaseCheck;
import dev.citadel.health.check.DependencyCalls;
import dev.citadel.health.check.HealthCheck;
import dev.citadel.health.check.StampHealth;
import dev.citadel.health.kafka.BrokerCheck;
import dev.citadel.health.kafka.KafkaClients;
import dev.citadel.health.kafka.LagReader;
import dev.citadel.health.model.HealthModel;
import dev.citadel.health.model.ScoreCheck;
import dev.citadel.health.rotation.RotationCheck;
import dev.citadel.health.rotation.RotationEndpoint;
import dev.citadel.health.rotation.RotationState;
import dev.citadel.health.signals.MetricsScraper;
import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the checks that are enabled ({@code citadel.health.checks.<name>.enabled}), the runner that schedules them,
 * and the verdict the endpoints serve. Dependency clients connect lazily or reconnect by themselves: the service
 * starts, and answers 503, while the stamp's dependencies are down.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    private static final String CHECKS = "citadel.health.checks.";

    @Bean
    Clock healthClock() {
        return Clock.systemUTC();
    }

    @Bean
    DependencyCalls dependencyCalls(MeterRegistry registry) {
        return new DependencyCalls(registry);
    }

    @Bean
    RotationState rotationState(HealthProperties properties, Clock healthClock) {
        return new RotationState(properties.stateFile(), healthClock);
    }

    @Bean
    RotationEndpoint rotationEndpoint(RotationState rotationState) {
        return new RotationEndpoint(rotationState);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = CHECKS + "database.enabled", matchIfMissing = true)
    DatabaseCheck databaseCheck(HealthProperties properties, DependencyCalls calls) {
        HealthProperties.Cassandra c = properties.cassandra();
        return new DatabaseCheck(cassandraSettings(c, properties), c.table(), c.probeTtl(),
                "health-service@" + properties.region(), calls);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = CHECKS + "message-broker.enabled", matchIfMissing = true)
    BrokerCheck brokerCheck(HealthProperties properties, KafkaConnection connection, DependencyCalls calls) {
        HealthProperties.Kafka k = properties.kafka();
        String source = "health-service@" + properties.region();
        return new BrokerCheck(new KafkaProducer<>(KafkaClients.producer(connection, source, properties.timeout())),
                k.topic(), source, properties.timeout(), calls);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService signalReaders() {
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "health-signals");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = CHECKS + "health-score.enabled", matchIfMissing = true)
    LagReader lagReader(HealthProperties properties, KafkaConnection connection, DependencyCalls calls) {
        HealthProperties.Kafka k = properties.kafka();
        Admin admin = Admin.create(KafkaClients.admin(connection, "health-service-lag@" + properties.region(),
                properties.timeout()));
        return new LagReader(admin, k.topic(), k.consumerGroup(), properties.timeout(), calls);
    }

    @Bean
    @ConditionalOnProperty(name = CHECKS + "health-score.enabled", matchIfMissing = true)
    ScoreCheck scoreCheck(HealthProperties properties, DependencyCalls calls, LagReader lagReader,
            ExecutorService signalReaders, Clock healthClock, ObjectProvider<CheckRunner> runner) {
        HealthProperties.Signals s = properties.signals();
        MetricsScraper scraper = new MetricsScraper(s.clientCertificate(), s.clientPrivateKey(), s.caCertificate(),
                properties.timeout(), calls);
        return new ScoreCheck(new HealthModel(properties.region(), properties.model()), scraper,
                uri(s.catalogApiMetricsUrl()), uri(s.processorMetricsUrl()), uri(s.webUiMetricsUrl()), lagReader,
                () -> runner.getObject().latest().map(r -> r.result(DatabaseCheck.NAME)).orElse(null),
                signalReaders, healthClock, properties.region(), properties.model().window().toString());
    }

    @Bean
    CheckRunner checkRunner(HealthProperties properties, ObjectProvider<DatabaseCheck> database,
            ObjectProvider<BrokerCheck> broker, ObjectProvider<ScoreCheck> score, Clock healthClock,
            DependencyCalls calls) {
        List<HealthCheck> checks = new ArrayList<>();
        database.ifAvailable(checks::add);
        broker.ifAvailable(checks::add);
        score.ifAvailable(checks::add);
        return new CheckRunner(checks, properties.interval(), properties.timeout(), healthClock, calls);
    }

    @Bean
    StampHealth stampHealth(HealthProperties properties, CheckRunner checkRunner, RotationState rotationState,
            Clock healthClock, ObjectProvider<DatabaseCheck> database) {
        HealthCheck live = properties.checks().stateSwitch().enabled() ? new RotationCheck(rotationState) : null;
        DatabaseCheck db = database.getIfAvailable();
        return new StampHealth(properties.region(), checkRunner, live, healthClock,
                db == null ? () -> null : db::driverSaysDown);
    }

    static CassandraSettings cassandraSettings(HealthProperties.Cassandra c, HealthProperties properties) {
        String trust = c.truststorePath();
        boolean pem = trust != null && (trust.endsWith(".pem") || trust.endsWith(".crt"));
        Path truststore = trust == null || trust.isBlank() || pem ? null : Path.of(trust);
        Path caPem = pem ? Path.of(trust) : null;
        Secret password = c.password() == null ? Secret.of("") : c.password();
        Secret truststorePassword = truststore == null ? null
                : c.truststorePassword() == null ? Secret.of("") : c.truststorePassword();
        try {
            return new CassandraSettings(c.contactPoints(), c.localDc(), c.username(), password, truststore,
                    truststorePassword, caPem, c.hostnameValidation(), properties.timeout(), c.keyspace())
                    .withPasswordFile(c.passwordFile() == null || c.passwordFile().isBlank() ? null
                            : Path.of(c.passwordFile()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("citadel.health.cassandra", "(see message)", e.getMessage());
        }
    }

    private static URI uri(String value) {
        return value == null || value.isBlank() ? null : URI.create(value.strip());
    }
}
