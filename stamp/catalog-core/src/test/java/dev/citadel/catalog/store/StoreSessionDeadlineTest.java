package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.error.RetriableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSessionDeadlineTest {

    private final StoreSession db = new StoreSession(null, "ks", Duration.ofSeconds(2));

    @Test
    void withoutADeadlineAStatementGetsTheConfiguredTimeout() {
        assertThat(db.statementTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aNearerDeadlineShortensTheTimeoutAndAPassedOneSendsNothing() {
        Duration within = StoreSession.withinDeadline(System.nanoTime() + Duration.ofMillis(500).toNanos(),
                db::statementTimeout);
        assertThat(within).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(StoreSession.withinDeadline(System.nanoTime() + Duration.ofMinutes(1).toNanos(),
                db::statementTimeout)).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> StoreSession.withinDeadline(System.nanoTime() - 1, db::statementTimeout))
                .isInstanceOf(RetriableException.class);
        assertThat(db.statementTimeout()).as("the deadline ends with its work").isEqualTo(Duration.ofSeconds(2));
    }
}
