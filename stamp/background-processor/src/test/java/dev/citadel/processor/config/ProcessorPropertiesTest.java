package dev.citadel.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.citadel.servicedefaults.ServiceDefaultsAutoConfiguration;

class ProcessorPropertiesTest {

    @EnableConfigurationProperties(ProcessorProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceDefaultsAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void bindsDefaultsThatAreSafeToRun() {
        runner.run(context -> {
            ProcessorProperties p = context.getBean(ProcessorProperties.class);
            assertThat(p.kafka().topic()).isEqualTo("catalog-events");
            assertThat(p.kafka().deadLetterTopic()).isEqualTo("catalog-events-dlq");
            assertThat(p.kafka().groupId()).isEqualTo("background-processor");
            assertThat(p.kafka().maxPollRecords()).isEqualTo(200);
            assertThat(p.retry().maxAttempts()).isEqualTo(10);
            assertThat(p.health().livenessStallTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(p.cassandra().localDc()).isEqualTo("dc1");
            assertThat(p.kafka().concurrency()).isEqualTo(3);
            assertThat(p.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void bindsSecretsWithoutTheTrailingNewlineAndNeverPrintsThem() {
        runner.withPropertyValues("citadel.processor.cassandra.password=s3cret\n").run(context -> {
            ProcessorProperties p = context.getBean(ProcessorProperties.class);
            assertThat(p.cassandra().password().reveal()).isEqualTo("s3cret");
            assertThat(p.toString()).doesNotContain("s3cret").contains("[hidden]");
        });
    }

    @Test
    void refusesABatchSizeOutOfRange() {
        runner.withPropertyValues("citadel.processor.kafka.max-poll-records=0").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("maxPollRecords"));
    }

    @Test
    void refusesAConsumerConcurrencyOutOfRange() {
        for (String value : new String[] {"0", "65"}) {
            runner.withPropertyValues("citadel.processor.kafka.concurrency=" + value).run(context ->
                    assertThat(context).hasFailed().getFailure().hasStackTraceContaining("concurrency"));
        }
    }

    @Test
    void refusesALivenessTimeoutShorterThanTheRetriesOfOneRecord() {
        runner.withPropertyValues("citadel.processor.health.liveness-stall-timeout=10s").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("citadel.processor.health.liveness-stall-timeout=PT10S"));
    }

    @Test
    void refusesAMaxPollIntervalThatAPollCouldExceed() {
        runner.withPropertyValues("citadel.processor.kafka.poll-timeout=10s",
                "citadel.processor.kafka.max-poll-interval=15s").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("citadel.processor.kafka.max-poll-interval"));
    }
}
