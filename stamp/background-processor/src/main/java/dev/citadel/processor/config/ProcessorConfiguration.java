package dev.citadel.processor.config;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.citadel.catalog.event.EventCodec;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.processor.apply.CatalogEventApplier;
import dev.citadel.processor.apply.CoreFailureClassifier;
import dev.citadel.processor.apply.EventApplier;
import dev.citadel.processor.apply.LazyStoreSink;
import dev.citadel.processor.consume.ApplyFailedException;
import dev.citadel.processor.consume.CatalogEventListener;
import dev.citadel.processor.consume.ConsumerObserver;
import dev.citadel.processor.consume.PartitionPausingBackOffHandler;
import dev.citadel.processor.deadletter.DeadLetterRecoverer;
import dev.citadel.processor.health.ConsumerHealth;
import dev.citadel.processor.metrics.ProcessorMetrics;
import dev.citadel.processor.retry.RetryBackOff;
import dev.citadel.servicedefaults.kafka.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires Spring Kafka's listener container from the one properties record: the clients' connection comes from
 * service-defaults' {@link KafkaConnection} alone (always SASL_SSL), so Spring Boot's own {@code spring.kafka.*}
 * auto-configuration is not used (nor on the class path).
 */
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

    /** Resumes backed-off partitions and measures the lag; two threads, so one slow task does not hold the other. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler processorScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("processor-scheduler-");
        scheduler.initialize();
        return scheduler;
    }

    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducerFactory(ProcessorProperties properties,
            KafkaConnection connection) {
        return new DefaultKafkaProducerFactory<>(map(KafkaClientConfigs.durableProducer(connection,
                CLIENT_ID + "-dlq", properties.kafka().deadLetterTimeout())), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @Bean
    DeadLetterRecoverer deadLetterRecoverer(ProcessorProperties properties,
            ProducerFactory<byte[], byte[]> deadLetterProducerFactory, ProcessorMetrics metrics,
            ConsumerHealth health, Clock clock) {
        ProcessorProperties.Kafka kafka = properties.kafka();
        return new DeadLetterRecoverer(new KafkaTemplate<>(deadLetterProducerFactory), kafka.deadLetterTopic(),
                kafka.deadLetterTimeout(), clock, metrics, health::progressed);
    }

    @Bean
    DefaultErrorHandler processorErrorHandler(ProcessorProperties properties, DeadLetterRecoverer recoverer,
            ThreadPoolTaskScheduler processorScheduler) {
        DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        RetryBackOff backOff = new RetryBackOff(properties.retry().policy(), jitter);
        RetryBackOff untilStoreIsBack = RetryBackOff.untilRecovered(properties.retry().policy(), jitter);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff,
                new PartitionPausingBackOffHandler(new ListenerContainerPauseService(null, processorScheduler)));
        // Only what the classifier called transient is retried; everything else is dead-lettered at once.
        handler.defaultFalse();
        handler.addRetryableExceptions(ApplyFailedException.Transient.class, ApplyFailedException.StoreUnreachable.class);
        // While the store is unreachable no record is at fault: it waits for the store (its partition paused, the
        // others too once they hit the outage) instead of being dead-lettered after maxAttempts. A change of failure
        // kind (Spring Kafka resets a record's retry state when the exception type changes) picks the backoff anew.
        handler.setBackOffFunction((record, failure) ->
                ApplyFailedException.find(failure) instanceof ApplyFailedException.StoreUnreachable
                        ? untilStoreIsBack : null);
        handler.setResetStateOnExceptionChange(true);
        // The dead-lettered record's offset is committed at once, not with the next record of its partition.
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    CatalogEventListener catalogEventListener(EventApplier applier, ProcessorMetrics metrics,
            ConsumerHealth health) {
        return new CatalogEventListener(applier, new CoreFailureClassifier(), metrics, health);
    }

    @Bean
    ConcurrentMessageListenerContainer<byte[], byte[]> catalogEventsContainer(ProcessorProperties properties,
            KafkaConnection connection, CatalogEventListener listener, DefaultErrorHandler processorErrorHandler,
            ConsumerHealth health) {
        ProcessorProperties.Kafka kafka = properties.kafka();
        DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                map(KafkaClientConfigs.consumer(connection, kafka, CLIENT_ID)), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        ContainerProperties container = new ContainerProperties(kafka.topic());
        container.setGroupId(kafka.groupId());
        container.setClientId(CLIENT_ID);
        container.setPollTimeout(kafka.pollTimeout().toMillis());
        // Offsets of the records a poll returned are committed (commitSync) once each is stored, discarded or
        // confirmed on the dead-letter topic; a record the error handler seeks back to is not.
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setSyncCommits(true);
        container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
        // A refused login (a connection opened in the instant a password rotation switches the broker) would stop
        // the container for good; polling again a second later reads the password file anew.
        container.setAuthExceptionRetryInterval(java.time.Duration.ofSeconds(1));
        container.setMessageListener(listener);
        ConcurrentMessageListenerContainer<byte[], byte[]> listenerContainer =
                new ConcurrentMessageListenerContainer<>(consumers, container);
        listenerContainer.setConcurrency(kafka.concurrency());
        listenerContainer.setCommonErrorHandler(processorErrorHandler);
        listenerContainer.setBeanName("catalogEventsContainer");
        health.loopStarted(() -> listenerContainer.isRunning() && listenerContainer.isInExpectedState());
        return listenerContainer;
    }

    @Bean
    ConsumerObserver consumerObserver(ProcessorProperties properties,
            ConcurrentMessageListenerContainer<byte[], byte[]> catalogEventsContainer, ConsumerHealth health,
            ProcessorMetrics metrics, Clock clock, ThreadPoolTaskScheduler processorScheduler) {
        ConsumerObserver observer = new ConsumerObserver(catalogEventsContainer::getAssignedPartitions,
                catalogEventsContainer::metrics, health, metrics, clock);
        processorScheduler.scheduleWithFixedDelay(observer, properties.kafka().lagInterval());
        return observer;
    }

    /** Readiness goes down as soon as the shutdown begins, before the container stops consuming. */
    @Bean
    ApplicationListener<ContextClosedEvent> consumerStoppingListener(ConsumerHealth health) {
        return event -> health.loopStopping();
    }

    static CassandraSettings cassandraSettings(ProcessorProperties.Cassandra c) {
        return new CassandraSettings(c.contactPoints(), c.localDc(), c.username(), c.password(), c.truststorePath(),
                c.truststorePath() == null ? null : c.truststorePassword(), c.caCertificatePem(),
                c.hostnameValidation(), c.requestTimeout(), c.keyspace()).withPasswordFile(c.passwordFile());
    }

    private static Map<String, Object> map(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        properties.forEach((key, value) -> map.put((String) key, value));
        return map;
    }
}
