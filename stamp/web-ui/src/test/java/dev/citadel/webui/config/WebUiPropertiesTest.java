package dev.citadel.webui.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebUiPropertiesTest {

    @Test
    void refusesPagesCachedLongerThanAssetsNamingTheKey() {
        assertThatThrownBy(() -> new WebUiProperties.Cache(Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel.web-ui.cache.page-max-age");
    }

    @Test
    void checksTheEdgeOnlyWhenAnIdIsConfigured() {
        assertThat(new WebUiProperties.Security("X-Edge-Id", null).edgeCheckEnabled()).isFalse();
        assertThat(new WebUiProperties.Security("X-Edge-Id", Secret.of("  ")).edgeCheckEnabled()).isFalse();
        assertThat(new WebUiProperties.Security("X-Edge-Id", Secret.of("e1")).edgeCheckEnabled()).isTrue();
    }

    @Test
    void neverPrintsTheEdgeId() {
        assertThat(new WebUiProperties.Security("X-Edge-Id", Secret.of("edge-secret")).toString())
                .doesNotContain("edge-secret");
    }
}
