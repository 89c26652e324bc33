package dev.citadel.catalog.store;

import dev.citadel.catalog.error.RetriableException;
import java.time.Duration;

/**
 * A deadline for everything one request does on the calling thread. While one is open, every statement this store
 * sends gets at most the time left (never more than its own timeout), and a statement about to be sent after the
 * deadline fails at once with a {@link RetriableException} instead of being sent. Why: a caller that promised an answer
 * within a bound (catalog-api, ahead of the edge's per-try timeout) must not start a write it can no longer report,
 * since a write that lands after the client was told it failed is exactly what the client cannot see.
 *
 * <p>Without an open deadline (background-processor, tools) nothing changes. Deadlines nest: the inner one never
 * outlives the outer one.
 */
public final class RequestDeadline implements AutoCloseable {

  private static final ThreadLocal<RequestDeadline> CURRENT = new ThreadLocal<>();

  private final long deadlineNanos;
  private final RequestDeadline outer;

  private RequestDeadline(long deadlineNanos, RequestDeadline outer) {
    this.deadlineNanos = deadlineNanos;
    this.outer = outer;
  }

  /** Opens a deadline {@code budget} from now on this thread; close it (try-with-resources) on the same thread. */
  public static RequestDeadline open(Duration budget) {
    RequestDeadline outer = CURRENT.get();
    long deadline = System.nanoTime() + budget.toNanos();
    if (outer != null && outer.deadlineNanos - deadline < 0) {
      deadline = outer.deadlineNanos;
    }
    RequestDeadline opened = new RequestDeadline(deadline, outer);
    CURRENT.set(opened);
    return opened;
  }

  /** Time left on this thread's deadline, or {@code own} when none is open; never more than {@code own}. */
  public static Duration bound(Duration own) {
    RequestDeadline current = CURRENT.get();
    if (current == null) {
      return own;
    }
    Duration left = Duration.ofNanos(current.deadlineNanos - System.nanoTime());
    return left.compareTo(own) < 0 ? left : own;
  }

  /**
   * {@link #bound} for something about to be sent: throws a {@link RetriableException} when nothing is left, so the
   * caller answers "retry later" and nothing is started.
   */
  public static Duration require(Duration own, String operation) {
    Duration left = bound(own);
    if (left.isNegative() || left.isZero()) {
      throw new RetriableException(operation + " not started: the request deadline has passed", null);
    }
    return left;
  }

  @Override
  public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}
