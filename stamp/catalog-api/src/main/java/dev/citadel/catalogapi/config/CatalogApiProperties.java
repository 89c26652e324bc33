package dev.citadel.catalogapi.config;

import dev.citadel.platform.pki.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of catalog-api, prefix {@code citadel.catalog-api}. Key names are public API (README table).
 * Secrets come from the key-per-file directory through {@code configtree:} and bind as {@link Secret}.
 *
 * @param region     the stamp's region, sent as {@code X-Server-Location}
 * @param serverName this instance's name, sent as {@code X-Server-Name}
 * @param security   API keys (the edge checks and the broker connection are service-defaults' {@code citadel.edge.*}
 *                   and {@code citadel.kafka.*})
 * @param cassandra  the database connection
 * @param kafka      the stamp's broker connection
 * @param images     how item images are fetched
 * @param limits     request limits and back-off hints
 */
@Validated
@ConfigurationProperties("citadel.catalog-api")
public record CatalogApiProperties(
        @DefaultValue("local") @NotBlank String region,
        @DefaultValue("catalog-api") @NotBlank String serverName,
        @DefaultValue @Valid @NotNull Security security,
        @DefaultValue @Valid @NotNull Cassandra cassandra,
        @DefaultValue @Valid @NotNull Kafka kafka,
        @DefaultValue @Valid @NotNull Images images,
        @DefaultValue @Valid @NotNull Limits limits) {

    /**
     * @param apiKeys     the valid API keys, separated by commas or whitespace (several at once for rotation); none
     *                    configured means every protected call is refused
     * @param apiKeysFile the file the keys came from (the configtree's {@code api-keys}); while it exists and is not
     *                    empty, its content replaces {@code apiKeys} and is re-read when it changes, so keys rotate
     *                    without a restart. Absent (or momentarily missing/empty): the last keys read stay valid
     */
    public record Security(Secret apiKeys, Path apiKeysFile) {

        /** The individual keys, each still hidden. */
        public List<Secret> validApiKeys() {
            return isEmpty(apiKeys) ? List.of() : split(apiKeys.reveal());
        }

        /** The keys of one {@code api-keys} value: comma or whitespace separated, blanks ignored. */
        public static List<Secret> split(String value) {
            return Secret.listOf(value);
        }
    }

    /** True for an absent or empty secret (an optional configtree file that is missing or blank). */
    public static boolean isEmpty(Secret secret) {
        return secret == null || secret.reveal().isBlank();
    }

    /**
     * @param contactPoints      host:port of the local DC's nodes
     * @param localDc            the data centre this stamp reads and writes at LOCAL_QUORUM
     * @param keyspace           the catalog keyspace
     * @param username           this service's own role
     * @param password           that role's password
     * @param passwordFile       the file {@code password} came from, read again at every new connection so a
     *                           rotated password needs no restart; empty: the bound value for good
     * @param truststorePath     PKCS12 truststore, or PEM CA file ({@code .pem}/{@code .crt}), trusting the cluster's CA;
     *                           TLS is always on
     * @param truststorePassword the truststore's password (unused for a PEM file)
     * @param hostnameValidation check the node certificate's SAN against the address dialled
     * @param requestTimeout     per-statement timeout; a timeout answers 503
     * @param ratingSummaryMaxAge how long {@code GET …/ratings} reuses an item's rating summary (average, count)
     *                           before Cassandra is asked again; 0 asks every time
     * @param itemMaxAge         how long {@code GET /catalogitem/{id}} reuses an item with its rating summary (or its
     *                           absence) before Cassandra is asked again; 0 asks every time. A write through this
     *                           instance is read back at once; one made elsewhere shows within this much
     * @param claimLocallyWhenPeerDown when the other data centre cannot take part in an {@code Idempotency-Key}'s
     *                           claim (too few replicas for {@code SERIAL}), claim it at {@code LOCAL_SERIAL} and keep
     *                           answering (true), or answer 503 (false)
     * @param claimAsyncKeys     claim a keyed comment's or vote's id too (a cross-DC lightweight transaction on the
     *                           async accept path), so two different bodies under one key can never both be accepted;
     *                           off by default: the accept path then needs no other data centre (see README)
     */
    public record Cassandra(
            @DefaultValue("127.0.0.1:9042") @NotEmpty List<String> contactPoints,
            @DefaultValue("dc1") @NotBlank String localDc,
            @DefaultValue("citadel_catalog") @NotBlank String keyspace,
            @DefaultValue("catalog_api") @NotBlank String username,
            Secret password,
            String truststorePath,
            Secret truststorePassword,
            @DefaultValue("true") boolean hostnameValidation,
            @DefaultValue("2s") @NotNull Duration requestTimeout,
            @DefaultValue("500ms") @NotNull Duration ratingSummaryMaxAge,
            @DefaultValue("250ms") @NotNull Duration itemMaxAge,
            @DefaultValue("true") boolean claimLocallyWhenPeerDown,
            @DefaultValue("false") boolean claimAsyncKeys,
            String passwordFile) {
    }

    /**
     * The producer's own settings; the connection (brokers, user, truststore, always SASL_SSL) is service-defaults'
     * {@code citadel.kafka.*}.
     *
     * @param topic              where async writes go
     * @param ackTimeout         how long a request waits for the broker's acknowledgement before answering 503
     * @param maxBlock           producer {@code max.block.ms}: bound on waiting for metadata/buffer space
     * @param requestTimeout     producer {@code request.timeout.ms}
     * @param deliveryTimeout    producer {@code delivery.timeout.ms}: after it an unacknowledged record is failed
     */
    public record Kafka(
            @DefaultValue("catalog-events") @NotBlank String topic,
            @DefaultValue("1500ms") @NotNull Duration ackTimeout,
            @DefaultValue("1s") @NotNull Duration maxBlock,
            @DefaultValue("1500ms") @NotNull Duration requestTimeout,
            @DefaultValue("3s") @NotNull Duration deliveryTimeout) {

        public Kafka {
            // Kafka refuses a delivery timeout shorter than the request timeout; say so with our key names.
            if (deliveryTimeout != null && requestTimeout != null && deliveryTimeout.compareTo(requestTimeout) < 0) {
                throw new ConfigException("citadel.catalog-api.kafka.delivery-timeout", deliveryTimeout,
                        "must be at least citadel.catalog-api.kafka.request-timeout (" + requestTimeout + ")");
            }
        }
    }

    /**
     * @param proxyHost      HTTP(S) proxy (the stamp's egress firewall) used for every image fetch; empty = direct
     * @param proxyPort      the proxy's port
     * @param proxyUsername  the source identity catalog-api presents to the proxy (Basic, after its 407 challenge)
     * @param proxyPassword  its password (secret {@code egress-password}); none = no credentials offered
     * @param connectTimeout TCP/TLS connect timeout of an image fetch
     * @param readTimeout    bound on the whole image download
     * @param maxBytes       largest accepted image; the download is aborted past it
     * @param cacheMaxAge    {@code Cache-Control: max-age} of served images
     */
    public record Images(
            String proxyHost,
            @DefaultValue("0") @Min(0) @Max(65535) int proxyPort,
            @DefaultValue("catalog-api") @NotBlank String proxyUsername,
            Secret proxyPassword,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("5s") @NotNull Duration readTimeout,
            @DefaultValue("5MB") @NotNull DataSize maxBytes,
            @DefaultValue("1d") @NotNull Duration cacheMaxAge) {

        public Images {
            if (proxyHost != null && !proxyHost.isBlank() && proxyPort == 0) {
                throw new ConfigException("citadel.catalog-api.images.proxy-port", proxyPort,
                        "a proxy host needs a port");
            }
        }

        public boolean proxied() {
            return proxyHost != null && !proxyHost.isBlank();
        }
    }

    /**
     * @param maxRequestBody    largest accepted request body; more answers 413
     * @param retryAfterSeconds the {@code Retry-After} sent with a 503
     * @param requestDeadline   the longest a request is worked on: a dependency step that could end later is not
     *                          started (503). Shorter than the edge's per-try timeout, longer than every client
     *                          timeout below it (README, "Timeouts, outside in")
     */
    public record Limits(
            @DefaultValue("64KB") @NotNull DataSize maxRequestBody,
            @DefaultValue("1") @Min(1) @Max(3600) int retryAfterSeconds,
            @DefaultValue("4s") @NotNull Duration requestDeadline) {
    }

    public CatalogApiProperties {
        // A client timeout as long as the deadline could never start its step: every such request would be a 503.
        if (limits != null && limits.requestDeadline() != null) {
            Duration deadline = limits.requestDeadline();
            if (cassandra != null) {
                requireBelow(deadline, "cassandra.request-timeout", cassandra.requestTimeout());
            }
            if (kafka != null) {
                requireBelow(deadline, "kafka.ack-timeout", kafka.ackTimeout());
                requireBelow(deadline, "kafka.max-block", kafka.maxBlock());
                requireBelow(deadline, "kafka.request-timeout", kafka.requestTimeout());
                requireBelow(deadline, "kafka.delivery-timeout", kafka.deliveryTimeout());
            }
        }
    }

    private static void requireBelow(Duration deadline, String key, Duration timeout) {
        if (timeout != null && timeout.compareTo(deadline) >= 0) {
            throw new ConfigException("citadel.catalog-api." + key, timeout,
                    "must be shorter than citadel.catalog-api.limits.request-deadline (" + deadline + ")");
        }
    }
}
