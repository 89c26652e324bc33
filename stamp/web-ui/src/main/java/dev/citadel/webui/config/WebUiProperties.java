package dev.citadel.webui.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of web-ui, prefix {@code citadel.web-ui}. Key names are public API (README table). The first three
 * are injected into the browser through {@code /config.js} at deploy time, so one build serves every region. The edge
 * checks, {@code Secret} binding and problem+json come from service-defaults ({@code citadel.edge.*}).
 *
 * @param apiBase  where the pages call the catalog API, relative to the origin the browser sees (the edge)
 * @param version  the release shown in the footer
 * @param region   the stamp's region, shown on the operations page as the UI's origin
 * @param cache    {@code Cache-Control} lifetimes for the edge cache and browsers
 */
@Validated
@ConfigurationProperties("citadel.web-ui")
public record WebUiProperties(
        @DefaultValue("/api/1.0") @NotBlank @Pattern(regexp = "/[A-Za-z0-9._~/-]*[^/]",
                message = "must be an absolute path without a trailing slash") String apiBase,
        @DefaultValue("dev") @NotBlank String version,
        @DefaultValue("local") @NotBlank String region,
        @DefaultValue @Valid @NotNull Cache cache) {

    /**
     * @param assetMaxAge lifetime of fingerprinted {@code /assets/<hash>/**}: their URL changes with their content
     * @param pageMaxAge  lifetime of the pages and {@code /config.js}, whose URLs never change
     */
    public record Cache(
            @DefaultValue("365d") @NotNull Duration assetMaxAge,
            @DefaultValue("60s") @NotNull Duration pageMaxAge) {

        public Cache {
            if (assetMaxAge != null && pageMaxAge != null && pageMaxAge.compareTo(assetMaxAge) > 0) {
                throw new ConfigException("citadel.web-ui.cache.page-max-age", pageMaxAge,
                        "must not exceed citadel.web-ui.cache.asset-max-age (" + assetMaxAge + ")");
            }
        }
    }
}
