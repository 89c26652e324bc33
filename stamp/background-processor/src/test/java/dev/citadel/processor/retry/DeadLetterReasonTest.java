package dev.citadel.processor.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.backoff.BackOffExecution;

class DeadLetterReasonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "UNPARSEABLE, unparseable",
        "INVALID,     invalid",
        "FATAL,       fatal",
        "UNEXPECTED,  unexpected",
        "TRANSIENT,   retries-exhausted",
    })
    void namesTheReasonAFailureKindIsDeadLetteredFor(FailureKind kind, String expected) {
        assertThat(DeadLetterReason.of(kind).headerValue()).isEqualTo(expected);
    }

    @Test
    void theBackOffWaitsTheJitteredCeilingsThenStopsAfterMaxAttemptsDeliveries() {
        BackOffExecution execution = new RetryBackOff(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1),
                4), () -> 0.5).start();

        assertThat(execution.nextBackOff()).isEqualTo(50);
        assertThat(execution.nextBackOff()).isEqualTo(100);
        assertThat(execution.nextBackOff()).isEqualTo(200);
        assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void aSingleAttemptMeansNoRetry() {
        BackOffExecution execution = new RetryBackOff(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1),
                1), () -> 0.5).start();

        assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void anUnreachableStoreIsWaitedForWithoutEndAtTheLongestWait() {
        BackOffExecution execution = RetryBackOff.untilRecovered(new RetryPolicy(Duration.ofMillis(100),
                Duration.ofSeconds(1), 4), () -> 0.5).start();

        for (int i = 0; i < 1_000; i++) {
            assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(500);
        }
    }
}
