package dev.citadel.processor.replay;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import dev.citadel.processor.config.KafkaClientConfigs;
import dev.citadel.processor.config.ProcessorProperties;
import dev.citadel.servicedefaults.ServiceDefaultsAutoConfiguration;
import dev.citadel.servicedefaults.kafka.KafkaConnection;

/**
 * The operator command {@code java -jar background-processor.jar --replay-dlq [--spring.property=...]}: replays the
 * dead-letter topic onto the main topic and prints how many records it moved. Same configuration (and secrets
 * directory) as the service; run it as a user with READ on the dead-letter topic and the group
 * {@code <group-id>-dlq-replay}, and WRITE on the main topic. Exit code 0 = done, 1 = failed (what was replayed
 * before the failure is committed and not replayed again).
 */
public final class DeadLetterReplayMain {

    public static final String FLAG = "--replay-dlq";
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private DeadLetterReplayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the replay; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReplayContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("spring.application.name=background-processor-dlq-replay")
                .run(args)) {
            ProcessorProperties.Kafka kafka = context.getBean(ProcessorProperties.class).kafka();
            long replayed = replay(context.getBean(KafkaConnection.class), kafka);
            out.println("replayed " + replayed + " record(s) from " + kafka.deadLetterTopic() + " to "
                    + kafka.topic());
            return 0;
        } catch (RuntimeException e) {
            // Message only: the cause chain may name hosts but never secrets; no stack trace for operators.
            err.println("replay failed: " + e.getMessage());
            return 1;
        }
    }

    /** Replays with the given Kafka settings; public so tests and the CLI can call it without a Spring context. */
    public static long replay(KafkaConnection connection, ProcessorProperties.Kafka kafka) {
        Properties consumerConfig = KafkaClientConfigs.consumer(connection, kafka, "background-processor-dlq-replay");
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId() + "-dlq-replay");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientConfigs.durableProducer(
                        connection, "background-processor-dlq-replay", kafka.deadLetterTimeout()))) {
            return new DeadLetterReplayer(consumer, producer, kafka.deadLetterTopic(), kafka.topic(),
                    kafka.deadLetterTimeout()).replay(DEADLINE);
        }
    }

    /**
     * Binds the properties and service-defaults' Kafka connection only (no consumer loop, no web server). Deliberately
     * not a {@code @Configuration}, so the service's component scan does not pick it up.
     */
    @EnableConfigurationProperties(ProcessorProperties.class)
    @ImportAutoConfiguration(ServiceDefaultsAutoConfiguration.class)
    static class ReplayContext {
    }
}
