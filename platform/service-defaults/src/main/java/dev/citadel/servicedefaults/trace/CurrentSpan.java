package dev.citadel.servicedefaults.trace;

import java.util.Optional;

/** The tracer's current span as a W3C context, when a tracer runs (it already continued the request's traceparent). */
@FunctionalInterface
public interface CurrentSpan {

    Optional<TraceContext> get();
}
