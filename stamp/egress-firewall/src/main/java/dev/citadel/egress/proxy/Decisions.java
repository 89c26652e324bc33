package dev.citadel.egress.proxy;

import dev.citadel.egress.observe.DecisionLog;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/** Counts decisions and writes the decision-log line of a finished exchange. */
final class Decisions {
    private Decisions() {
    }

    static void count(ProxyContext rt, Exchange e) {
        rt.metrics().decision(e.sourceTag(), e.decision, e.reason);
    }

    /** Writes the channel's current exchange, if it reached a decision, and forgets it. */
    static void finish(ProxyContext rt, Channel ch) {
        Exchange e = Exchange.finish(ch);
        if (e == null || e.decision == null) {
            return;
        }
        ByteCounter bytes = ByteCounter.of(ch);
        Target t = e.target;
        rt.decisionLog().write(new DecisionLog.Line(e.startedAt, rt.stamp(), e.source, e.client, e.method,
                t == null ? null : t.hostText(), t == null ? 0 : t.port(), e.resolved, e.decision, e.reason,
                e.status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - e.startNanos),
                bytes.fromClient - e.bytesFromClientAtStart, bytes.toClient - e.bytesToClientAtStart,
                e.upstreamFailure == null ? null : e.upstreamFailure.tag()));
    }
}
