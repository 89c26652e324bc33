package dev.citadel.catalog.store;

import dev.citadel.catalog.error.RetriableException;
import java.util.function.Supplier;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The one place where the store talks to the driver: statements are prepared (never built from strings with
 * values), run at LOCAL_QUORUM with a timeout whatever the session's defaults are, marked idempotent (every catalog
 * write is an upsert or a delete by key, so the driver may retry or speculate), and every failure is translated.
 */
final class StoreSession {

  private final CqlSession session;
  private final String keyspace;
  private final Duration timeout;

  StoreSession(CqlSession session, String keyspace, Duration timeout) {
    this.session = session;
    this.keyspace = keyspace;
    this.timeout = timeout;
  }

  CqlSession session() {
    return session;
  }

  Duration timeout() {
    return timeout;
  }

  /** Epoch-free {@link System#nanoTime()} by which the calling thread's caller must have its answer, if any. */
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

  /**
   * Runs {@code work} with every statement it binds on this thread bounded by {@code deadlineNanos} as well as by
   * the configured timeout: a statement gets what is left when it is bound, and none is sent once nothing is left.
   */
  static <T> T withinDeadline(long deadlineNanos, Supplier<T> work) {
    Long previous = DEADLINE.get();
    DEADLINE.set(deadlineNanos);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(previous);
      }
    }
  }

  /** The timeout of a statement bound now: the configured one, or less when the caller's deadline is nearer. */
  Duration statementTimeout() {
    Long deadline = DEADLINE.get();
    if (deadline == null) {
      return timeout;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new RetriableException("the caller's deadline passed before the statement was sent");
    }
    return left < timeout.toNanos() ? Duration.ofNanos(left) : timeout;
  }

  /** Prepares {@code cql}, in which {@code {ks}} stands for the catalog keyspace. */
  PreparedStatement prepare(String cql) {
    String query = cql.replace("{ks}", keyspace);
    try {
      return session.prepare(query);
    } catch (RuntimeException e) {
      throw DriverErrors.translate("prepare " + query, e);
    }
  }

  BoundStatement bind(PreparedStatement statement, Object... values) {
    return statement.bind(values)
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
        .setTimeout(statementTimeout())
        .setIdempotent(true);
  }

  /** A write at an explicit write time, so replays and late duplicates lose against newer writes. */
  BoundStatement bindAt(long writeTimeMicros, PreparedStatement statement, Object... values) {
    return bind(statement, values).setQueryTimestamp(writeTimeMicros);
  }

  /** A logged batch: the denormalised copies of one fact are written all or (eventually) none. */
  BatchStatement loggedBatch(long writeTimeMicros, List<BatchableStatement<?>> statements) {
    return batch(DefaultBatchType.LOGGED, writeTimeMicros, statements);
  }

  /** An unlogged batch of statements of ONE partition: applied atomically and in isolation, without a batch log. */
  BatchStatement partitionBatch(long writeTimeMicros, List<BatchableStatement<?>> statements) {
    return batch(DefaultBatchType.UNLOGGED, writeTimeMicros, statements);
  }

  private BatchStatement batch(DefaultBatchType type, long writeTimeMicros, List<BatchableStatement<?>> statements) {
    return BatchStatement.newInstance(type)
        .addAll(statements)
        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
        .setTimeout(statementTimeout())
        .setIdempotent(true)
        .setQueryTimestamp(writeTimeMicros);
  }

  ResultSet execute(String operation, Statement<?> statement) {
    try {
      return session.execute(statement);
    } catch (RuntimeException e) {
      throw DriverErrors.translate(operation, e);
    }
  }

  /**
   * Runs {@code statement} without blocking the caller. The returned future fails with the translated
   * {@link dev.citadel.catalog.error.CitadelException} itself (not a driver exception); stages derived from it see
   * it wrapped in a {@link CompletionException}, as usual. Callbacks run on the driver's I/O threads: keep them short
   * and never block in them.
   */
  CompletableFuture<AsyncResultSet> executeAsync(String operation, Statement<?> statement) {
    CompletionStage<AsyncResultSet> sent;
    try {
      sent = session.executeAsync(statement);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(DriverErrors.translate(operation, e));
    }
    return translated(operation, sent);
  }

  /** A driver stage (a statement sent, a next page fetched) whose failure is translated like {@link #execute}'s. */
  <T> CompletableFuture<T> translated(String operation, CompletionStage<T> sent) {
    CompletableFuture<T> result = new CompletableFuture<>();
    sent.whenComplete((value, failure) -> {
      // Nothing may escape this callback: whenComplete swallows what it throws, and `result` would never complete.
      try {
        if (failure == null) {
          result.complete(value);
        } else {
          result.completeExceptionally(DriverErrors.translate(operation, unwrap(failure)));
        }
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result;
  }

  /**
   * Waits for a stage started with {@link #executeAsync} and rethrows its translated failure as is. The statement's
   * own timeout bounds the wait.
   */
  static <T> T await(CompletableFuture<T> stage) {
    try {
      return stage.join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The real failure behind the wrappers {@link CompletableFuture} adds. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static long micros(long epochMillis) {
    return Math.multiplyExact(epochMillis, 1000L);
  }
}
