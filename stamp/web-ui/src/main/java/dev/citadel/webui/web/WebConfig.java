package dev.citadel.webui.web;

import dev.citadel.webui.config.WebUiProperties;
import dev.citadel.webui.page.AssetFingerprint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves {@code /assets/<fingerprint>/**} from the classpath with a year-long, immutable {@code Cache-Control}: the
 * URL changes whenever any asset does ({@link AssetFingerprint}). Boot's default {@code /**} static mapping is off
 * ({@code spring.web.resources.add-mappings=false}), so nothing else on the classpath is reachable.
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

    private final WebUiProperties properties;
    private final AssetFingerprint fingerprint;

    WebConfig(WebUiProperties properties, AssetFingerprint fingerprint) {
        this.properties = properties;
        this.fingerprint = fingerprint;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(fingerprint.urlPrefix() + "/**")
                .addResourceLocations("classpath:/web/assets/")
                .setCacheControl(CacheControl.maxAge(properties.cache().assetMaxAge()).cachePublic().immutable())
                .setUseLastModified(false); // the URL is the version; Last-Modified of a jar entry adds nothing
    }

    /** ETags on the pages and config.js, so the edge's revalidation after max-age is a cheap 304. */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> bean = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        bean.addUrlPatterns("/", "/index.html", "/ops.html", "/config.js");
        return bean;
    }
}
