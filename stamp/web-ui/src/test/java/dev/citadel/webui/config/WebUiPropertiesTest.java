package dev.citadel.webui.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebUiPropertiesTest {

    @Test
    void refusesPagesCachedLongerThanAssetsNamingTheKey() {
        assertThatThrownBy(() -> new WebUiProperties.Cache(Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel.web-ui.cache.page-max-age");
    }
}
