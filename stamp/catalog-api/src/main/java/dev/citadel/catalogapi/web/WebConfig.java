package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.idempotency.IdempotencyInterceptor;
import dev.citadel.catalogapi.idempotency.IdempotencyRecords;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the request guards that run after routing (they need the matched handler and path variables). */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final CatalogApiProperties properties;
    private final IdempotencyRecords idempotencyRecords;

    WebConfig(CatalogApiProperties properties, IdempotencyRecords idempotencyRecords) {
        this.properties = properties;
        this.idempotencyRecords = idempotencyRecords;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Version first: a request to an unsupported version is refused whatever its credentials.
        registry.addInterceptor(new ApiVersionInterceptor()).addPathPatterns("/api/**");
        registry.addInterceptor(new ApiKeyInterceptor(properties)).addPathPatterns("/api/**");
        // Last: only a valid, authorised request may claim an Idempotency-Key.
        registry.addInterceptor(new IdempotencyInterceptor(idempotencyRecords, properties.idempotency().lease()))
                .addPathPatterns("/api/**");
    }
}
