package dev.citadel.catalogapi.web;

import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalogapi.problem.DependencyUnavailableException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * When this request must be answered: {@code limits.request-deadline} after it arrived, which is shorter than the
 * edge's per-try timeout. A step bounded by a dependency's own timeout starts only if it can end before the deadline;
 * otherwise the request answers 503 + Retry-After at once, so the edge never times out (504) on a request that is
 * still about to write, and a client is never told "failed" about a write that then happens.
 */
public final class RequestDeadline {

    static final String ATTRIBUTE = RequestDeadline.class.getName();
    /** Outside a request (a test calling a controller directly): no bound of its own. */
    private static final RequestDeadline NONE = new RequestDeadline(0, Duration.ofNanos(Long.MAX_VALUE), () -> 0);

    private final long deadlineNanos;
    private final LongSupplier nanoTime;

    RequestDeadline(long startNanos, Duration limit, LongSupplier nanoTime) {
        long limitNanos = limit.toNanos();
        this.deadlineNanos = limitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + limitNanos;
        this.nanoTime = nanoTime;
    }

    /** The current request's deadline (set by {@link RequestDeadlineFilter}), or none outside a request. */
    public static RequestDeadline current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object deadline = attributes == null ? null
                : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return deadline instanceof RequestDeadline d ? d : NONE;
    }

    /** Runs {@code work} with every Cassandra statement it sends bounded by this deadline too. */
    public <T> T bound(Supplier<T> work) {
        return deadlineNanos == Long.MAX_VALUE ? work.get() : CatalogStore.withinDeadline(deadlineNanos, work);
    }

    /** Time left until the answer is due; zero when it is overdue. */
    public Duration remaining() {
        if (deadlineNanos == Long.MAX_VALUE) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        return Duration.ofNanos(Math.max(0, deadlineNanos - nanoTime.getAsLong()));
    }

    /**
     * Refuses (503, {@code dependency} named in the log and metrics only) to start a step that may take up to
     * {@code step} when less than that is left.
     */
    public void require(Duration step, String dependency) {
        if (remaining().compareTo(step) < 0) {
            throw new DependencyUnavailableException(dependency, new DeadlineExceeded(step, remaining()));
        }
    }

    /** The cause logged with the 503: what the step needed and what was left. */
    static final class DeadlineExceeded extends RuntimeException {
        DeadlineExceeded(Duration step, Duration left) {
            super("request deadline: a step of up to " + step.toMillis() + " ms cannot start with " + left.toMillis()
                    + " ms left");
        }
    }
}
