package dev.citadel.catalogapi.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.store.RequestDeadline;
import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import dev.citadel.servicedefaults.trace.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherTest {

    private static final CommentAdded EVENT = new CommentAdded(new Comment(UUID.randomUUID(), UUID.randomUUID(), "Ann",
            "hi", Instant.now()), System.currentTimeMillis(), 0);

    private static CatalogApiProperties.Kafka kafka() {
        return new CatalogApiProperties.Kafka("catalog-events", Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMillis(1500), Duration.ofSeconds(5));
    }

    @Test
    void sendsNothingOnceTheRequestDeadlineHasPassed() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, kafka());
        try (RequestDeadline d = RequestDeadline.open(Duration.ZERO)) {
            assertThatThrownBy(() -> publisher.publish(EVENT, TraceContext.newRoot()))
                    .isInstanceOf(DependencyUnavailableException.class);
        }
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void waitsForTheAckNoLongerThanTheRequestDeadlineLeaves() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer()); // never acknowledges by itself
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, kafka());
        long started = System.nanoTime();
        try (RequestDeadline d = RequestDeadline.open(Duration.ofMillis(300))) {
            assertThatThrownBy(() -> publisher.publish(EVENT, TraceContext.newRoot()))
                    .isInstanceOf(DependencyUnavailableException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(producer.history()).hasSize(1);
    }
}
