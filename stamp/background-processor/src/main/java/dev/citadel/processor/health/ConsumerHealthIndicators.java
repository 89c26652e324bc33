package dev.citadel.processor.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Exposes {@link ConsumerHealth} as two actuator indicators, {@code consumerReadiness} and {@code consumerLiveness},
 * placed in the readiness and liveness groups by application.yaml.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerHealthIndicators {

    @Bean
    HealthIndicator consumerReadinessHealthIndicator(ConsumerHealth health) {
        return () -> toHealth(health.readiness(), health);
    }

    @Bean
    HealthIndicator consumerLivenessHealthIndicator(ConsumerHealth health) {
        return () -> toHealth(health.liveness(), health);
    }

    private static Health toHealth(ConsumerHealth.Verdict verdict, ConsumerHealth health) {
        Health.Builder builder = verdict.healthy() ? Health.up() : Health.down();
        builder.withDetail("detail", verdict.detail());
        builder.withDetail("assignedPartitions", health.assignedPartitions());
        if (health.lastError() != null) {
            builder.withDetail("lastError", health.lastError());
        }
        return builder.build();
    }
}
