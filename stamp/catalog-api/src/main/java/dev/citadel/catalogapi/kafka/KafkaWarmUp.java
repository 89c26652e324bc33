package dev.citadel.catalogapi.kafka;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Warms the producer up in the background once the application is ready (see
 * {@link KafkaEventPublisher#warmUp()}), retrying while the broker is unreachable for a bounded time. Never blocks
 * startup: a broker that is down at startup is reported by readiness, and writes answer 503 until it is back.
 */
@Component
class KafkaWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWarmUp.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final KafkaEventPublisher publisher;

    KafkaWarmUp(KafkaEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread t = new Thread(this::run, "kafka-producer-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < deadline) {
            if (publisher.warmUp()) {
                LOG.info("Kafka producer connected");
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("Kafka producer could not connect within {}; writes answer 503 until the broker is reachable",
                GIVE_UP_AFTER);
    }
}
