package dev.citadel.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthPropertiesTest {

    @Test
    void defaultsEveryThresholdToTheDesignTable() {
        HealthProperties.Model m = new HealthProperties.Model(Duration.ofMinutes(1), null, null, null, null, null,
                null, null, null);
        assertThat(m.apiFailuresPerMinute()).isEqualTo(new HealthProperties.Threshold(10.0, 50.0));
        assertThat(m.apiMeanLatencyMs()).isEqualTo(new HealthProperties.Threshold(150.0, 500.0));
        assertThat(m.enqueueToStoredMs()).isEqualTo(new HealthProperties.Threshold(200.0, 1000.0));
        assertThat(m.processingMs()).isEqualTo(new HealthProperties.Threshold(100.0, 200.0));
        assertThat(m.processorExceptionsPerMinute()).isEqualTo(new HealthProperties.Threshold(3.0, 10.0));
        assertThat(m.kafkaLag()).isEqualTo(new HealthProperties.Threshold(3.0, 10.0));
        assertThat(m.egressFailuresPerMinute()).isEqualTo(new HealthProperties.Threshold(3.0, 10.0));
    }

    @Test
    void keepsTheDefaultForTheHalfOfAThresholdThatIsNotSet() {
        HealthProperties.Model m = new HealthProperties.Model(Duration.ofMinutes(1),
                new HealthProperties.Threshold(null, 80.0), null, null, null, null, null, null, null);
        assertThat(m.apiFailuresPerMinute()).isEqualTo(new HealthProperties.Threshold(10.0, 80.0));
    }

    @Test
    void refusesARedThresholdNotAboveYellowNamingTheKey() {
        assertThatThrownBy(() -> new HealthProperties.Model(Duration.ofMinutes(1), null, null, null, null, null,
                new HealthProperties.Threshold(10.0, 5.0), null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("citadel.health.model.kafka-lag");
    }

    @Test
    void refusesAnIntervalBelowOneHundredMilliseconds() {
        assertThatThrownBy(() -> new HealthProperties("r", Duration.ofMillis(10), Duration.ofSeconds(1),
                java.nio.file.Path.of("s"), null, null, null, null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("citadel.health.interval");
    }
}
