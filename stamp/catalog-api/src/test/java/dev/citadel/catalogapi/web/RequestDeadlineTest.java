package dev.citadel.catalogapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestDeadline deadline = new RequestDeadline(now.get(), Duration.ofSeconds(4), now::get);

    @Test
    void aStepStartsOnlyIfItsBoundEndsBeforeTheDeadline() {
        deadline.require(Duration.ofSeconds(4), "cassandra");
        now.addAndGet(Duration.ofMillis(2500).toNanos());

        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(1500));
        deadline.require(Duration.ofMillis(1500), "kafka");
        assertThatThrownBy(() -> deadline.require(Duration.ofSeconds(2), "cassandra"))
                .isInstanceOfSatisfying(DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo("cassandra"))
                .hasRootCauseMessage("request deadline: a step of up to 2000 ms cannot start with 1500 ms left");
    }

    @Test
    void anOverdueRequestHasNothingLeft() {
        now.addAndGet(Duration.ofSeconds(9).toNanos());

        assertThat(deadline.remaining()).isZero();
        assertThatThrownBy(() -> deadline.require(Duration.ofMillis(1), "kafka"))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void outsideARequestNothingIsBounded() {
        RequestDeadline none = RequestDeadline.current();

        none.require(Duration.ofDays(365), "cassandra");
        assertThat(none.remaining()).isGreaterThan(Duration.ofDays(365));
    }
}
