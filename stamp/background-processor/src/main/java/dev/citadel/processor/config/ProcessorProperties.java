package dev.citadel.processor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.citadel.platform.pki.Secret;
import dev.citadel.processor.retry.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Everything background-processor can be told, under {@code citadel.processor}. Secrets come from the key-per-file
 * directory ({@code spring.config.import=optional:configtree:...}): application.yaml maps {@code cassandra-password}
 * (and its truststore password) onto the {@link Secret} fields below; the broker connection and its secrets are
 * service-defaults' {@code citadel.kafka.*}.
 *
 * @param kafka           the stamp's broker, the topics and the consumer's batching
 * @param cassandra       the global database, local DC
 * @param retry           backoff for transient store failures
 * @param health          thresholds of the readiness and liveness verdicts
 * @param shutdownTimeout how long a stop waits for the batch in hand to finish and commit
 */
@Validated
@ConfigurationProperties("citadel.processor")
public record ProcessorProperties(
        @Valid @DefaultValue Kafka kafka,
        @Valid @DefaultValue Cassandra cassandra,
        @Valid @DefaultValue Retry retry,
        @Valid @DefaultValue Health health,
        @NotNull @DefaultValue("30s") Duration shutdownTimeout) {

    public ProcessorProperties {
        Duration worstRetry = retry.policy().worstCaseTotalBackoff();
        if (health.livenessStallTimeout().compareTo(worstRetry) <= 0) {
            throw new ConfigException("citadel.processor.health.liveness-stall-timeout", health.livenessStallTimeout(),
                    "must exceed the worst-case retry time of one record (" + worstRetry + ")");
        }
        if (kafka.deadLetterTimeout().compareTo(Duration.ofSeconds(2)) < 0) {
            throw new ConfigException("citadel.processor.kafka.dead-letter-timeout", kafka.deadLetterTimeout(),
                    "must be at least 2s (it bounds the producer's request and delivery timeouts)");
        }
        if (kafka.maxPollInterval().compareTo(kafka.pollTimeout().multipliedBy(2)) <= 0) {
            throw new ConfigException("citadel.processor.kafka.max-poll-interval", kafka.maxPollInterval(),
                    "must be more than twice citadel.processor.kafka.poll-timeout");
        }
    }

    /**
     * The consumer's and the dead-letter producer's own settings; the connection (brokers, user, truststore, always
     * SASL_SSL) is service-defaults' {@code citadel.kafka.*}.
     *
     * @param topic               the catalog event topic
     * @param deadLetterTopic     where poison records go
     * @param groupId             consumer group; every processor of the stamp shares it
     * @param maxPollRecords      batch size: records per poll
     * @param pollTimeout         how long one poll waits for records
     * @param maxPollInterval     the broker evicts a member that does not poll for this long
     * @param deadLetterTimeout   how long to wait for the dead-letter topic to acknowledge a record
     * @param lagInterval         how often the consumer lag is measured
     * @param concurrency         consumers (threads) in this process; more than the topic's partitions idle
     */
    public record Kafka(
            @NotBlank @DefaultValue("catalog-events") String topic,
            @NotBlank @DefaultValue("catalog-events-dlq") String deadLetterTopic,
            @NotBlank @DefaultValue("background-processor") String groupId,
            @Min(1) @Max(10_000) @DefaultValue("200") int maxPollRecords,
            @NotNull @DefaultValue("1s") Duration pollTimeout,
            @NotNull @DefaultValue("5m") Duration maxPollInterval,
            @NotNull @DefaultValue("30s") Duration deadLetterTimeout,
            @NotNull @DefaultValue("5s") Duration lagInterval,
            @Min(1) @Max(64) @DefaultValue("3") int concurrency) {
    }

    /**
     * @param contactPoints      host:port of nodes in the local DC
     * @param localDc            this stamp's data centre
     * @param username           this service's Cassandra role (write on the catalog tables)
     * @param password           its password (secret file {@code cassandra-password})
     * @param passwordFile       the file {@code password} came from, read again at every new connection so a
     *                           rotated password needs no restart; unset: the bound value for good
     * @param truststorePath     PKCS12 truststore with the cluster CA (or leave empty and set caCertificatePem)
     * @param truststorePassword its password (secret file {@code cassandra-truststore-password})
     * @param caCertificatePem   PEM CA file, used when no truststore is set
     * @param hostnameValidation check node certificates against the address dialled
     * @param requestTimeout     client timeout of every statement
     * @param keyspace           the catalog keyspace
     */
    public record Cassandra(
            @NotEmpty @DefaultValue("127.0.0.1:9042") List<String> contactPoints,
            @NotBlank @DefaultValue("dc1") String localDc,
            @NotBlank @DefaultValue("background_processor") String username,
            @NotNull @DefaultValue("") Secret password,
            Path truststorePath,
            @NotNull @DefaultValue("") Secret truststorePassword,
            Path caCertificatePem,
            @DefaultValue("true") boolean hostnameValidation,
            @NotNull @DefaultValue("2s") Duration requestTimeout,
            @NotBlank @DefaultValue("citadel_catalog") String keyspace,
            Path passwordFile) {
    }

    /**
     * @param initialBackoff ceiling of the first wait after a transient failure
     * @param maxBackoff     ceiling of any wait
     * @param maxAttempts    attempts per record before it is dead-lettered as retries-exhausted
     */
    public record Retry(
            @NotNull @DefaultValue("100ms") Duration initialBackoff,
            @NotNull @DefaultValue("10s") Duration maxBackoff,
            @Min(1) @Max(100) @DefaultValue("10") int maxAttempts) {

        public RetryPolicy policy() {
            return new RetryPolicy(initialBackoff, maxBackoff, maxAttempts);
        }
    }

    /**
     * @param readinessPollWindow  ready only if a poll completed within this window
     * @param livenessStallTimeout with a backlog, live only if a record was settled within this time
     */
    public record Health(
            @NotNull @DefaultValue("30s") Duration readinessPollWindow,
            @NotNull @DefaultValue("2m") Duration livenessStallTimeout) {
    }
}
