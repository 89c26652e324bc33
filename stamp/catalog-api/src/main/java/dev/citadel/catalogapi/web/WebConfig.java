package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the request guards that run after routing (they need the matched handler and path variables). */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final CatalogApiProperties properties;

    WebConfig(CatalogApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Version first: a request to an unsupported version is refused whatever its credentials.
        registry.addInterceptor(new ApiVersionInterceptor()).addPathPatterns("/api/**");
        registry.addInterceptor(new ApiKeyInterceptor(new ApiKeys(properties.security()))).addPathPatterns("/api/**");
    }
}
