package dev.citadel.servicedefaults.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {

    @Test
    void parsesAValidTraceparent() {
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .contains(new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true));
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
                .hasValueSatisfying(t -> assertThat(t.sampled()).isFalse());
    }

    @Test
    void ignoresMalformedOrAllZeroTraceparents() {
        assertThat(TraceContext.parse(null)).isEmpty();
        assertThat(TraceContext.parse("")).isEmpty();
        assertThat(TraceContext.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceContext.parse("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0".repeat(16) + "-01")).isEmpty();
        assertThat(TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX: y")).isEmpty();
    }

    @Test
    void newRootsAreValidW3cContexts() {
        TraceContext root = TraceContext.newRoot();
        assertThat(TraceContext.parse(root.toTraceparent())).contains(root);
        assertThat(TraceContext.newRoot().traceId()).isNotEqualTo(root.traceId());
    }

    @Test
    void aChildKeepsTheTraceAndGetsANewSpan() {
        TraceContext parent = TraceContext.newRoot();
        TraceContext child = parent.child();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).matches("[0-9a-f]{16}");
    }

    @Test
    void padsShortTracerIdsToW3cWidth() {
        TraceContext t = TraceContext.of("ABC", "1", true);
        assertThat(t.traceId()).hasSize(32).endsWith("abc");
        assertThat(t.spanId()).hasSize(16).endsWith("1");
    }
}
