package dev.citadel.servicedefaults.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@link CurrentSpan} backed by Micrometer Tracing; only created when micrometer-tracing is on the classpath. The
 * tracer is resolved on first use: it is an auto-configured bean that may or may not exist (sampling off, no bridge).
 */
public final class TracerCurrentSpan implements CurrentSpan {

    private final ObjectProvider<Tracer> tracers;
    private volatile Optional<Tracer> tracer;

    public TracerCurrentSpan(ObjectProvider<Tracer> tracers) {
        this.tracers = tracers;
    }

    @Override
    public Optional<TraceContext> get() {
        Optional<Tracer> t = tracer;
        if (t == null) {
            t = Optional.ofNullable(tracers.getIfAvailable());
            tracer = t;
        }
        Span span = t.map(Tracer::currentSpan).orElse(null);
        if (span == null || span.isNoop() || span.context().traceId().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(TraceContext.of(span.context().traceId(), span.context().spanId(),
                Boolean.TRUE.equals(span.context().sampled())));
    }
}
