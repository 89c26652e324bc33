package dev.citadel.processor;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.citadel.processor.replay.DeadLetterReplayMain;

/**
 * background-processor: consumes the stamp's catalog events and writes them to Cassandra (CITADEL.md §3 flow 5).
 * Serves only the actuator (port 8081). With {@code --replay-dlq} it runs the dead-letter replay command instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProcessorApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains(DeadLetterReplayMain.FLAG)) {
            System.exit(DeadLetterReplayMain.run(args, System.out, System.err));
        }
        SpringApplication.run(ProcessorApplication.class, args);
    }
}
