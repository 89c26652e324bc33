package dev.citadel.processor.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 6);

    @Test
    void ceilingDoublesFromTheInitialBackoff() {
        assertThat(policy.ceilingAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.ceilingAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.ceilingAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.ceilingAfter(5)).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void ceilingNeverExceedsTheMaximumEvenForHugeAttemptNumbers() {
        assertThat(policy.ceilingAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceilingAfter(64)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceilingAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(policy.backoffAfter(3, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.backoffAfter(3, () -> 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3, () -> Math.nextDown(1.0))).isLessThan(Duration.ofMillis(400))
                .isGreaterThan(Duration.ofMillis(399));
    }

    @Test
    void randomJitterStaysWithinBoundsAndActuallyVaries() {
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long nanos = policy.backoffAfter(4, random::nextDouble).toNanos();
            assertThat(nanos).isBetween(0L, Duration.ofMillis(800).toNanos());
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
        }
        // Full jitter: the whole range is used, not just a band near the ceiling.
        assertThat(min).isLessThan(Duration.ofMillis(80).toNanos());
        assertThat(max).isGreaterThan(Duration.ofMillis(720).toNanos());
    }

    @Test
    void retriesAreBoundedByMaxAttempts() {
        assertThat(policy.mayRetryAfter(1)).isTrue();
        assertThat(policy.mayRetryAfter(5)).isTrue();
        assertThat(policy.mayRetryAfter(6)).isFalse();
        assertThat(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 1).mayRetryAfter(1)).isFalse();
    }

    @Test
    void worstCaseTotalIsTheSumOfCeilingsBetweenAttempts() {
        // 5 waits between 6 attempts: 100 + 200 + 400 + 800 + 1600
        assertThat(policy.worstCaseTotalBackoff()).isEqualTo(Duration.ofMillis(3100));
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void rejectsAUniformSourceOutsideTheUnitInterval() {
        assertThatThrownBy(() -> policy.backoffAfter(1, () -> 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.backoffAfter(1, () -> -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
