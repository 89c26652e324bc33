package dev.citadel.health;

import dev.citadel.health.config.HealthProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** health-service: one per stamp; tells the edge whether this stamp should get traffic (CITADEL.md §5). */
@SpringBootApplication
@EnableConfigurationProperties(HealthProperties.class)
public class HealthServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HealthServiceApplication.class, args);
    }
}
