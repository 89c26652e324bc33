package dev.citadel.processor.config;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.processor.apply.CatalogEventApplier;
import dev.citadel.processor.apply.CoreFailureClassifier;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.apply.LazyStoreSink;
import dev.citadel.processor.consume.BatchProcessor;
import dev.citadel.processor.consume.ConsumerLoop;
import dev.citadel.processor.deadletter.DeadLetterPublisher;
import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.DeadLetterPolicy;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires the consumer loop from the one properties record. Plain kafka-clients and core's store, no Spring Kafka. */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    /** Unique per process, so broker logs and quotas tell the stamp's processors apart. */
    private static final String CLIENT_ID = "background-processor-" + ManagementFactory.getRuntimeMXBean().getName();

    @Bean
    Clock processorClock() {
        return Clock.systemUTC();
    }

    @Bean
    ProcessorMetrics citadelProcessorMetrics(MeterRegistry registry, Clock clock) {
        return new ProcessorMetrics(registry, clock);
    }

    @Bean
    ConsumerHealth consumerHealth(ProcessorProperties properties, Clock clock, ProcessorMetrics metrics) {
        return new ConsumerHealth(clock, properties.health().readinessPollWindow(),
                properties.health().livenessStallTimeout(), metrics::lag);
    }

    @Bean(destroyMethod = "close")
    LazyStoreSink storeSink(ProcessorProperties properties) {
        return new LazyStoreSink(cassandraSettings(properties.cassandra()));
    }

    @Bean
    EventApplier eventApplier(LazyStoreSink sink) {
        return new CatalogEventApplier(new EventCodec(), sink);
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> deadLetterProducer(ProcessorProperties properties, KafkaConnection connection) {
        return new KafkaProducer<>(KafkaClientConfigs.durableProducer(connection, CLIENT_ID + "-dlq",
                properties.kafka().deadLetterTimeout()));
    }

    @Bean
    BatchProcessor batchProcessor(ProcessorProperties properties, EventApplier applier,
            Producer<byte[], byte[]> deadLetterProducer, ProcessorMetrics metrics, ConsumerHealth health,
            Clock clock) {
        DeadLetterPolicy policy = new DeadLetterPolicy(properties.retry().policy(), new CoreFailureClassifier(),
                () -> ThreadLocalRandom.current().nextDouble());
        ProcessorProperties.Kafka kafka = properties.kafka();
        // The publisher's own wait is a little longer than the producer's delivery timeout, so the producer's
        // verdict (acknowledged or failed) arrives first.
        DeadLetterPublisher publisher = new DeadLetterPublisher(deadLetterProducer, kafka.deadLetterTopic(),
                kafka.deadLetterTimeout().plusSeconds(5), clock);
        return new BatchProcessor(applier, policy, publisher, metrics, health::progressed,
                properties.cassandra().maxInFlight(), properties.cassandra().inFlightTimeout());
    }

    @Bean
    ConsumerLoop consumerLoop(ProcessorProperties properties, KafkaConnection connection, BatchProcessor processor,
            ConsumerHealth health, ProcessorMetrics metrics) {
        ProcessorProperties.Kafka kafka = properties.kafka();
        return new ConsumerLoop(() -> new KafkaConsumer<>(KafkaClientConfigs.consumer(connection, kafka, CLIENT_ID)),
                kafka.topic(), kafka.pollTimeout(), kafka.lagInterval(), properties.shutdownTimeout(), processor,
                health, metrics);
    }

    static CassandraSettings cassandraSettings(ProcessorProperties.Cassandra c) {
        return new CassandraSettings(c.contactPoints(), c.localDc(), c.username(), c.password(), c.truststorePath(),
                c.truststorePath() == null ? null : c.truststorePassword(), c.caCertificatePem(),
                c.hostnameValidation(), c.requestTimeout(), c.keyspace());
    }
}
