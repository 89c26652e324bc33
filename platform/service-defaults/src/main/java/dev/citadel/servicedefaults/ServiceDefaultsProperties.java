package dev.citadel.servicedefaults;

import dev.citadel.platform.pki.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The settings every stamp service shares, prefix {@code citadel}. Key names are public API (README table). Each
 * service's own settings live under its own prefix ({@code citadel.catalog-api}, {@code citadel.health}, ...).
 *
 * @param region     the stamp's region; names the scraper identity a management port accepts by default
 * @param edge       who may call the public (edge-facing) port
 * @param management who may call the management port
 * @param kafka      the stamp's broker connection (SASL_SSL + SCRAM-SHA-512, nothing else)
 */
@Validated
@ConfigurationProperties("citadel")
public record ServiceDefaultsProperties(
        @DefaultValue("local") @NotBlank String region,
        @DefaultValue @Valid @NotNull Edge edge,
        @DefaultValue @Valid @NotNull Management management,
        @DefaultValue @Valid @NotNull Kafka kafka) {

    /** True for an absent or empty secret (an optional configtree file that is missing or blank). */
    public static boolean isEmpty(Secret secret) {
        return secret == null || secret.reveal().isBlank();
    }

    /**
     * @param idHeader    the header carrying the edge's id (e.g. {@code X-Azure-FDID} behind Front Door)
     * @param id          the id the edge must send (secret file {@code edge-id}); empty disables the header check
     * @param clientNames client certificate CNs accepted on the public port when the request came over TLS
     * @param idFile      the file {@code id} came from (the configtree's {@code edge-id}); while the check is enabled,
     *                    it is re-read when it changes, so the id rotates without a restart. Several ids may be
     *                    listed (whitespace or commas), each accepted: the overlap of a rotation
     */
    public record Edge(
            @DefaultValue("X-Edge-Id") @NotBlank String idHeader,
            Secret id,
            @DefaultValue("edge") @NotEmpty List<@NotBlank String> clientNames,
            Path idFile) {

        public boolean idCheckEnabled() {
            return !isEmpty(id);
        }

        /** The individual ids of an {@code edge-id} value, each still hidden. */
        public static List<Secret> split(String value) {
            return Secret.listOf(value);
        }
    }

    /**
     * @param operators        client certificate CNs that may do everything on the management port
     * @param scrapers         CNs that may only GET the health and prometheus endpoints; empty means
     *                         {@code scraper.<citadel.region>}
     * @param plaintextAllowed let requests that did not come over TLS through unjudged (tests and local runs without
     *                         TLS: such a port has no identities to judge)
     * @param anonymousProbes  let a GET of exactly the liveness and readiness health groups through without a client
     *                         certificate: the Kubernetes kubelet probes over TLS but presents none (the listener must
     *                         then ask for, not require, a certificate, and the groups should show no details)
     */
    public record Management(
            @DefaultValue("operator") @NotEmpty List<@NotBlank String> operators,
            @DefaultValue List<@NotBlank String> scrapers,
            @DefaultValue("false") boolean plaintextAllowed,
            @DefaultValue("false") boolean anonymousProbes) {
    }

    /** The scraper CNs in force: the configured list, else the own region's scraper. */
    public List<String> scraperNames() {
        List<String> configured = management.scrapers();
        return configured == null || configured.isEmpty() ? List.of("scraper." + region) : configured;
    }

    /**
     * @param bootstrapServers   comma-separated host:port of the stamp's brokers (SASL_SSL listener)
     * @param username           this service's SCRAM-SHA-512 user
     * @param password           its password (secret file {@code kafka-password})
     * @param truststorePath     truststore with the stamp CA; empty uses the JVM's default trust
     * @param truststoreType     PKCS12, JKS or PEM; empty infers PEM from {@code .pem}/{@code .crt}, else PKCS12
     * @param truststorePassword the truststore's password (secret file {@code kafka-truststore-password})
     * @param passwordFile       the file {@code password} came from, read again at every new broker connection so
     *                           a rotated password needs no restart; empty: the bound value for good
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:9093") @NotBlank String bootstrapServers,
            String username,
            Secret password,
            String truststorePath,
            String truststoreType,
            Secret truststorePassword,
            String passwordFile) {
    }
}
