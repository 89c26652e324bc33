package dev.citadel.processor.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterPolicyTest {

    /** The classifier under test is the table itself: each kind is carried by a marker exception. */
    private static final class KindException extends RuntimeException {
        final FailureKind kind;

        KindException(FailureKind kind) {
            super(kind.name());
            this.kind = kind;
        }
    }

    private final DeadLetterPolicy policy = new DeadLetterPolicy(
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3),
            failure -> ((KindException) failure).kind,
            () -> 0.5);

    @ParameterizedTest(name = "{0} after {1} attempt(s) -> {2}")
    @CsvSource({
        "UNPARSEABLE, 1, dead-letter:unparseable",
        "UNPARSEABLE, 3, dead-letter:unparseable",
        "INVALID,     1, dead-letter:invalid",
        "FATAL,       1, dead-letter:fatal",
        "UNEXPECTED,  1, dead-letter:unexpected",
        "TRANSIENT,   1, retry:50",
        "TRANSIENT,   2, retry:100",
        "TRANSIENT,   3, dead-letter:retries-exhausted",
        "TRANSIENT,   9, dead-letter:retries-exhausted",
    })
    void decidesPerTheTable(FailureKind kind, int attemptsMade, String expected) {
        FailureDecision decision = policy.decide(new KindException(kind), attemptsMade);

        String actual = decision instanceof FailureDecision.Retry retry
                ? "retry:" + retry.backoff().toMillis()
                : "dead-letter:" + ((FailureDecision.DeadLetter) decision).reason().headerValue();
        assertThat(actual).isEqualTo(expected);
    }
}
