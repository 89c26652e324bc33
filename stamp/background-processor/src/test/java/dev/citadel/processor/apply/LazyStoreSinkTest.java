package dev.citadel.processor.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.error.RetriableException;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.store.CassandraSettings;
import dev.citadel.platform.pki.Secret;

class LazyStoreSinkTest {

    private final AtomicInteger connects = new AtomicInteger();
    private final CassandraSettings settings = new CassandraSettings(List.of("127.0.0.1:9042"), "dc1", "u",
            Secret.of("p"), null, null, Path.of("/nonexistent/ca.pem"), true, Duration.ofSeconds(2),
            "citadel_catalog");
    private final LazyStoreSink sink = new LazyStoreSink(settings, () -> {
        connects.incrementAndGet();
        throw new RetriableException("connect failed");
    });
    private final CommentAdded event = new CommentAdded(new Comment(UUID.randomUUID(), UUID.randomUUID(), "Ann",
            "hi", Instant.now()), System.currentTimeMillis(), 0);

    @Test
    void theNonBlockingPathTriesOneConnectAndThenFailsFastDuringTheQuietPeriod() {
        for (int i = 0; i < 50; i++) {
            assertThat(sink.writeAsync(event).toCompletableFuture()).isCompletedExceptionally();
        }
        assertThat(connects).hasValue(1);
    }

    @Test
    void theBlockingRetryPathAlwaysTriesToConnect() {
        assertThat(sink.writeAsync(event).toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> sink.write(event)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> sink.write(event)).isInstanceOf(RetriableException.class);
        assertThat(connects).hasValue(3);
    }
}
