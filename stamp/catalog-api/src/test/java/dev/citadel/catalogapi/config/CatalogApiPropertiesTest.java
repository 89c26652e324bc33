package dev.citadel.catalogapi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.Secret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogApiPropertiesTest {

    @Test
    void splitsSeveralApiKeysForRotation() {
        var security = new CatalogApiProperties.Security(Secret.of("k1, k2\nk3"), null);
        assertThat(security.validApiKeys()).extracting(Secret::reveal).containsExactly("k1", "k2", "k3");
        assertThat(security.validApiKeys().get(0).toString()).isEqualTo("[hidden]");
    }

    @Test
    void noApiKeysMeansNoneIsValid() {
        assertThat(new CatalogApiProperties.Security(null, null).validApiKeys()).isEmpty();
        assertThat(new CatalogApiProperties.Security(Secret.of(" \n"), null).validApiKeys()).isEmpty();
    }

    @Test
    void refusesADeliveryTimeoutShorterThanTheRequestTimeoutNamingTheKey() {
        assertThatThrownBy(() -> new CatalogApiProperties.Kafka("t", Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel.catalog-api.kafka.delivery-timeout");
    }

    @Test
    void refusesAProxyHostWithoutPort() {
        assertThatThrownBy(() -> new CatalogApiProperties.Images("proxy", 0, "catalog-api", null, Duration.ofSeconds(1),
                Duration.ofSeconds(1), org.springframework.util.unit.DataSize.ofMegabytes(5), Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel.catalog-api.images.proxy-port");
    }

    @Test
    void refusesAClientTimeoutThatTheRequestDeadlineCouldNeverLetStart() {
        var limits = new CatalogApiProperties.Limits(org.springframework.util.unit.DataSize.ofKilobytes(64), 1,
                Duration.ofSeconds(4));
        var slowKafka = new CatalogApiProperties.Kafka("t", Duration.ofMillis(1500), Duration.ofSeconds(1),
                Duration.ofMillis(1500), Duration.ofSeconds(5));
        assertThatThrownBy(() -> new CatalogApiProperties("r", "s", null, null, slowKafka, null, limits))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel.catalog-api.kafka.delivery-timeout")
                .hasMessageContaining("citadel.catalog-api.limits.request-deadline");
        var slowCassandra = new CatalogApiProperties.Cassandra(List.of("h:9042"), "dc1", "ks", "u", null, null, null,
                true, Duration.ofSeconds(4), Duration.ZERO, Duration.ZERO, true, false, null);
        assertThatThrownBy(() -> new CatalogApiProperties("r", "s", null, slowCassandra, null, null, limits))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel.catalog-api.cassandra.request-timeout");
        var defaults = new CatalogApiProperties.Kafka("t", Duration.ofMillis(1500), Duration.ofSeconds(1),
                Duration.ofMillis(1500), Duration.ofSeconds(3));
        assertThat(new CatalogApiProperties("r", "s", null, null, defaults, null, limits).limits().requestDeadline())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void secretsNeverShowInTheRecordsToString() {
        var cassandra = new CatalogApiProperties.Cassandra(List.of("h:9042"), "dc1", "ks", "u",
                Secret.of("cass-pass-789"), null, null, true, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO,
                true, false, null);
        assertThat(cassandra.toString()).doesNotContain("cass-pass-789");
    }
}
