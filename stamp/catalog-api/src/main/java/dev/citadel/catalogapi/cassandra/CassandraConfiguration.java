package dev.citadel.catalogapi.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.catalog.store.CatalogSessionFactory;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects to the stamp's Cassandra DC as this service's own role (TLS, password, LOCAL_QUORUM). Startup fails when
 * the cluster is unreachable or the schema is missing (run MigrateMain first): the orchestrator restarts the instance.
 */
@Configuration(proxyBeanMethods = false)
class CassandraConfiguration {

    @Bean(destroyMethod = "close")
    CqlSession catalogSession(CatalogApiProperties properties) {
        return CatalogSessionFactory.create(settings(properties.cassandra()));
    }

    @Bean
    CassandraCatalog cassandraCatalog(CqlSession catalogSession, CatalogApiProperties properties) {
        CatalogApiProperties.Cassandra c = properties.cassandra();
        return new CassandraCatalog(new CatalogStore(catalogSession, c.keyspace(), c.requestTimeout()),
                c.ratingSummaryMaxAge(), c.itemMaxAge(), c.claimLocallyWhenPeerDown());
    }

    @Bean
    CassandraHealthIndicator cassandraHealthIndicator(CassandraCatalog cassandraCatalog) {
        return new CassandraHealthIndicator(cassandraCatalog);
    }

    static CassandraSettings settings(CatalogApiProperties.Cassandra c) {
        String trust = c.truststorePath();
        boolean pem = trust != null && (trust.endsWith(".pem") || trust.endsWith(".crt"));
        Path truststore = trust == null || trust.isBlank() || pem ? null : Path.of(trust);
        Path caPem = pem ? Path.of(trust) : null;
        Secret password = c.password() == null ? Secret.of("") : c.password();
        Secret truststorePassword = truststore == null ? null
                : c.truststorePassword() == null ? Secret.of("") : c.truststorePassword();
        return new CassandraSettings(c.contactPoints(), c.localDc(), c.username(), password, truststore,
                truststorePassword, caPem, c.hostnameValidation(), c.requestTimeout(), c.keyspace())
                .withPasswordFile(c.passwordFile() == null || c.passwordFile().isBlank() ? null : Path.of(c.passwordFile()));
    }
}
