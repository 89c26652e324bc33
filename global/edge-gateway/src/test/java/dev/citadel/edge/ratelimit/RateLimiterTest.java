package dev.citadel.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock();

    private RateLimiter limiter(int capacity, double perSecond, int maxClients) {
        return new RateLimiter(new RateLimitConfig(true, capacity, perSecond, maxClients), clock);
    }

    @Test
    void allowsABurstUpToTheCapacityThenRefuses() {
        RateLimiter limiter = limiter(5, 1, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("a").allowed()).as("request %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    }

    @Test
    void refillsAtTheConfiguredRate() {
        RateLimiter limiter = limiter(2, 10, 100);
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        clock.advance(Duration.ofMillis(100));
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).as("refill is capped at the capacity").isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextToken() {
        RateLimiter limiter = limiter(1, 0.25, 100);
        limiter.tryAcquire("a");
        assertThat(limiter.tryAcquire("a")).isEqualTo(new RateLimiter.Decision(false, 4));
        clock.advance(Duration.ofMillis(2500));
        assertThat(limiter.tryAcquire("a").retryAfterSeconds()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1400));
        assertThat(limiter.tryAcquire("a").retryAfterSeconds()).as("never 0 while refused").isEqualTo(1);
    }

    @Test
    void clientsHaveIndependentBuckets() {
        RateLimiter limiter = limiter(1, 1, 100);
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void evictsIdleBucketsToStayWithinMaxClients() {
        RateLimiter limiter = limiter(2, 1, 10);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("idle-" + i);
        }
        clock.advance(Duration.ofSeconds(5));
        limiter.tryAcquire("newcomer");
        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    void staysBoundedEvenWhenEveryClientIsActive() {
        RateLimiter limiter = limiter(2, 1, 100);
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire("client-" + i);
        }
        assertThat(limiter.trackedClients()).isLessThanOrEqualTo(100);
    }

    @Test
    void aBusyClientKeepsItsEmptyBucketWhileIdleOnesAreEvicted() {
        RateLimiter limiter = limiter(1, 0.1, 3);
        limiter.tryAcquire("busy");
        limiter.tryAcquire("idle-1");
        limiter.tryAcquire("idle-2");
        clock.advance(Duration.ofSeconds(10));
        limiter.tryAcquire("busy");
        clock.advance(Duration.ofSeconds(1));
        limiter.tryAcquire("newcomer");
        assertThat(limiter.tryAcquire("busy").allowed()).as("busy client's empty bucket survived eviction").isFalse();
    }
}
