package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.events.AsyncWrites;
import dev.citadel.catalogapi.events.EventPublisher;
import dev.citadel.catalogapi.image.ImageFetcher;
import dev.citadel.catalogapi.store.CatalogReads;
import dev.citadel.catalogapi.store.IdempotencyClaims;
import dev.citadel.catalogapi.store.ItemWrites;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web slice of catalog-api (controllers, advice, filters, interceptors) with the ports mocked: unit tests with no
 * engine and no socket. Two API keys are configured, as during a rotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import(WebSliceTest.Config.class)
@TestPropertySource(properties = {
        "citadel.catalog-api.region=test-region",
        "citadel.catalog-api.server-name=api-test-1",
        "citadel.catalog-api.security.api-keys=key-one, key-two",
        "citadel.catalog-api.limits.max-request-body=8KB"
})
@MockitoBean(types = {CatalogReads.class, ItemWrites.class, ImageFetcher.class, EventPublisher.class,
        IdempotencyClaims.class})
public @interface WebSliceTest {

    String KEY = "key-one";
    String ROTATED_KEY = "key-two";

    @TestConfiguration
    @EnableConfigurationProperties(CatalogApiProperties.class)
    @ComponentScan(basePackages = "dev.citadel.catalogapi", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
                    pattern = {".*\\.events\\.AsyncWrites", ".*\\.item\\.ImageLoader"}))
    class Config {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
