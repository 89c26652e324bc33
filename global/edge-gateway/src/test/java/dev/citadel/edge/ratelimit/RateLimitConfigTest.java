package dev.citadel.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitConfigTest {

    @Test
    void emptySectionGivesTheDefaults() {
        assertThat(RateLimitConfig.fromMap(Map.of())).isEqualTo(RateLimitConfig.defaults());
    }

    @Test
    void bindsEveryKey() {
        assertThat(RateLimitConfig.fromMap(Map.of("enabled", false, "capacity", 10, "refillPerSecond", 2.5, "maxClients", 50)))
                .isEqualTo(new RateLimitConfig(false, 10, 2.5, 50));
    }

    @Test
    void refusesUnknownKeysAndBadValuesNamingTheKey() {
        assertThatThrownBy(() -> RateLimitConfig.fromMap(Map.of("burst", 1))).hasMessageContaining("rateLimit.burst");
        assertThatThrownBy(() -> RateLimitConfig.fromMap(Map.of("capacity", 0))).hasMessageContaining("rateLimit.capacity");
        assertThatThrownBy(() -> RateLimitConfig.fromMap(Map.of("capacity", 1.5))).hasMessageContaining("rateLimit.capacity");
        assertThatThrownBy(() -> RateLimitConfig.fromMap(Map.of("refillPerSecond", -1))).hasMessageContaining("rateLimit.refillPerSecond");
        assertThatThrownBy(() -> RateLimitConfig.fromMap(Map.of("enabled", "yes"))).hasMessageContaining("rateLimit.enabled");
    }
}
