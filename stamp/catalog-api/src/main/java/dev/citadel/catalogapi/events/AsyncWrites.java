package dev.citadel.catalogapi.events;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.web.RequestDeadline;
import java.time.Duration;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.validation.Limits;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import dev.citadel.servicedefaults.trace.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The async write path (CITADEL.md §3 flow 3): publish, wait for the broker's ack, count the outcome. Counters
 * {@code citadel.catalogapi.async.writes{outcome=accepted|rejected,type=<event type>}} feed the health score.
 */
@Service
public class AsyncWrites {

    static final String METRIC = "citadel.catalogapi.async.writes";

    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    /** The longest a publish waits for the broker: the request's deadline must leave at least this much. */
    private final Duration ackTimeout;

    @Autowired
    public AsyncWrites(EventPublisher publisher, MeterRegistry meters, CatalogApiProperties properties) {
        this(publisher, meters, Clock.systemUTC(), properties.kafka().ackTimeout());
    }

    AsyncWrites(EventPublisher publisher, MeterRegistry meters, Clock clock) {
        this(publisher, meters, clock, Duration.ZERO);
    }

    AsyncWrites(EventPublisher publisher, MeterRegistry meters, Clock clock, Duration ackTimeout) {
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    /** Epoch ms of acceptance, the events' {@code acceptedAt}. */
    public long now() {
        return clock.millis();
    }

    /** The TTL for a write: {@code X-TEST-DATA: true} keeps smoke-test data for 30 s only. */
    public static int ttlFor(String testDataHeader) {
        return "true".equalsIgnoreCase(testDataHeader == null ? null : testDataHeader.strip())
                ? Limits.TEST_DATA_TTL_SECONDS : 0;
    }

    /** Returns once the event is durably in Kafka; throws {@link DependencyUnavailableException} otherwise. */
    public void accept(CatalogEvent event, TraceContext trace) {
        try {
            // A 202 given after the edge gave up would be lost on the client; refuse before publishing instead.
            RequestDeadline.current().require(ackTimeout, "kafka");
            publisher.publish(event, trace.child());
        } catch (DependencyUnavailableException e) {
            counter("rejected", event).increment();
            throw e;
        }
        counter("accepted", event).increment();
    }

    private Counter counter(String outcome, CatalogEvent event) {
        return Counter.builder(METRIC)
                .description("Async writes answered 202 (accepted) or 503 (rejected)")
                .tag("outcome", outcome)
                .tag("type", event.eventType())
                .register(meters);
    }
}
