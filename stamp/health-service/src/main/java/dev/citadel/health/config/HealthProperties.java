package dev.citadel.health.config;

import dev.citadel.platform.pki.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of health-service, prefix {@code citadel.health}. Key names are public API (README table, and the
 * CLI passes them). Secrets come from the key-per-file directory through {@code configtree:} and bind as
 * {@link Secret}.
 *
 * @param region     the stamp's region, reported in every verdict
 * @param interval   how often the checks run in the background
 * @param timeout    overall bound on one round of checks; a check still running then is reported down
 * @param stateFile  where the operator's rotation state (in/out) persists across restarts
 * @param cassandra  the database check's connection
 * @param kafka      what the broker check and the lag signal read (the connection itself is service-defaults'
 *                   {@code citadel.kafka.*}; the edge checks are its {@code citadel.edge.*})
 * @param signals    the stamp's own Prometheus endpoints the health model scrapes
 * @param checks     which checks run
 * @param model      the health model's window and thresholds
 */
@Validated
@ConfigurationProperties("citadel.health")
public record HealthProperties(
        @DefaultValue("local") @NotBlank String region,
        @DefaultValue("10s") @NotNull Duration interval,
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("health-rotation.state") @NotNull Path stateFile,
        @DefaultValue @Valid @NotNull Cassandra cassandra,
        @DefaultValue @Valid @NotNull Kafka kafka,
        @DefaultValue @Valid @NotNull Signals signals,
        @DefaultValue @Valid @NotNull Checks checks,
        @DefaultValue @Valid @NotNull Model model) {

    public HealthProperties {
        if (interval != null && (interval.isNegative() || interval.compareTo(Duration.ofMillis(100)) < 0)) {
            throw new ConfigException("citadel.health.interval", interval, "must be at least 100ms");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new ConfigException("citadel.health.timeout", timeout, "must be positive");
        }
    }

    /**
     * @param contactPoints      host:port of the stamp's own DC's nodes
     * @param localDc            the stamp's DC; reads and writes at LOCAL_QUORUM there, never elsewhere
     * @param keyspace           the catalog keyspace
     * @param table              the probe table (created by catalog-core's migrations)
     * @param username           this service's role ({@code health_service})
     * @param password           its password (secret file {@code cassandra-password})
     * @param passwordFile       the file {@code password} came from, read again at every new connection so a
     *                           rotated password needs no restart; empty: the bound value for good
     * @param truststorePath     PKCS12 truststore, or PEM CA file ({@code .pem}/{@code .crt}); TLS is always on
     * @param truststorePassword the truststore's password (secret file {@code cassandra-truststore-password})
     * @param hostnameValidation check the node certificate's SAN against the address dialled
     * @param probeTtl           TTL of each probe write
     */
    public record Cassandra(
            @DefaultValue("127.0.0.1:9042") @NotEmpty List<String> contactPoints,
            @DefaultValue("dc1") @NotBlank String localDc,
            @DefaultValue("citadel_catalog") @NotBlank String keyspace,
            @DefaultValue("health_probe") @NotBlank String table,
            @DefaultValue("health_service") @NotBlank String username,
            Secret password,
            String truststorePath,
            Secret truststorePassword,
            @DefaultValue("true") boolean hostnameValidation,
            @DefaultValue("60s") @NotNull Duration probeTtl,
            String passwordFile) {
    }

    /**
     * @param topic         the catalog event topic the probe is produced to and the lag is measured on
     * @param consumerGroup the processor's consumer group, whose lag is a health signal
     */
    public record Kafka(
            @DefaultValue("catalog-events") @NotBlank String topic,
            @DefaultValue("background-processor") @NotBlank String consumerGroup) {
    }

    /**
     * @param catalogApiMetricsUrl catalog-api's Prometheus endpoint (its management port); empty = not scraped
     * @param processorMetricsUrl  background-processor's Prometheus endpoint; empty = not scraped
     * @param webUiMetricsUrl      web-ui's Prometheus endpoint (the static content flow); empty = not scraped
     * @param clientCertificate    PEM client certificate (the operator's) for https scrapes
     * @param clientPrivateKey     its PKCS#8 PEM private key
     * @param caCertificate        PEM CA that signed the scraped services' certificates
     */
    public record Signals(
            String catalogApiMetricsUrl,
            String processorMetricsUrl,
            String webUiMetricsUrl,
            Path clientCertificate,
            Path clientPrivateKey,
            Path caCertificate) {
    }

    /** One toggle per check: {@code citadel.health.checks.<name>.enabled}. */
    public record Checks(
            @DefaultValue @Valid @NotNull Toggle database,
            @DefaultValue @Valid @NotNull Toggle messageBroker,
            @DefaultValue @Valid @NotNull Toggle stateSwitch,
            @DefaultValue @Valid @NotNull Toggle healthScore) {
    }

    /** @param enabled whether the check runs and counts in the verdict */
    public record Toggle(@DefaultValue("true") boolean enabled) {
    }

    /**
     * Thresholds (yellow / red) of the health model, defaults from CITADEL.md §5.
     *
     * @param window                   the window over which rates and means are computed (lag: its last two rounds)
     * @param apiFailuresPerMinute     catalog-api 5xx responses per minute
     * @param apiMeanLatencyMs         catalog-api mean request latency
     * @param enqueueToStoredMs        processor: mean time from the API accepting an event to it being stored
     * @param processingMs             processor: mean time to apply one record
     * @param processorExceptionsPerMinute processor: failed attempts per minute
     * @param kafkaLag                 records produced but not consumed by the processor's group, sustained over two rounds
     * @param databaseLatencyMs        the database check's read + write time
     * @param egressFailuresPerMinute  the egress path's failures per minute (catalog-api's image fetches that could
     *                                 not get out or back)
     */
    public record Model(
            @DefaultValue("1m") @NotNull Duration window,
            Threshold apiFailuresPerMinute,
            Threshold apiMeanLatencyMs,
            Threshold enqueueToStoredMs,
            Threshold processingMs,
            Threshold processorExceptionsPerMinute,
            Threshold kafkaLag,
            Threshold databaseLatencyMs,
            Threshold egressFailuresPerMinute) {

        public Model {
            if (window != null && (window.isNegative() || window.isZero())) {
                throw new ConfigException("citadel.health.model.window", window, "must be positive");
            }
            apiFailuresPerMinute = Threshold.orDefault("api-failures-per-minute", apiFailuresPerMinute, 10, 50);
            apiMeanLatencyMs = Threshold.orDefault("api-mean-latency-ms", apiMeanLatencyMs, 150, 500);
            enqueueToStoredMs = Threshold.orDefault("enqueue-to-stored-ms", enqueueToStoredMs, 200, 1000);
            processingMs = Threshold.orDefault("processing-ms", processingMs, 100, 200);
            processorExceptionsPerMinute = Threshold.orDefault("processor-exceptions-per-minute",
                    processorExceptionsPerMinute, 3, 10);
            kafkaLag = Threshold.orDefault("kafka-lag", kafkaLag, 3, 10);
            databaseLatencyMs = Threshold.orDefault("database-latency-ms", databaseLatencyMs, 250, 1000);
            egressFailuresPerMinute = Threshold.orDefault("egress-failures-per-minute", egressFailuresPerMinute, 3, 10);
        }
    }

    /**
     * A signal's limits; a key left unset takes the §5 default.
     *
     * @param yellow at or above it the signal is yellow
     * @param red    at or above it the signal is red
     */
    public record Threshold(Double yellow, Double red) {

        static Threshold orDefault(String key, Threshold given, double yellow, double red) {
            double y = given == null || given.yellow() == null ? yellow : given.yellow();
            double r = given == null || given.red() == null ? red : given.red();
            if (!(y >= 0) || !(r > y)) {
                throw new ConfigException("citadel.health.model." + key, y + "/" + r,
                        "thresholds need 0 <= yellow < red");
            }
            return new Threshold(y, r);
        }
    }
}
