package dev.citadel.egress.proxy;

import dev.citadel.egress.config.EgressProperties.AllowRule;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * One request's way through the firewall, filled in by the handlers and written as one decision-log line when it
 * ends (refused: once the refusal is written; allowed: when the client connection closes). Confined to the
 * channel's event loop.
 */
public final class Exchange {
    public static final AttributeKey<Exchange> KEY = AttributeKey.valueOf("egress.exchange");

    public final Instant startedAt = Instant.now();
    public final long startNanos = System.nanoTime();
    public final long bytesFromClientAtStart;
    public final long bytesToClientAtStart;
    public final String client;
    public String method;
    public Target target;
    public String source;
    public AllowRule rule;
    public List<InetAddress> resolved = List.of();
    public InetAddress connectTo;
    public String decision;
    public String reason;
    public int status;
    public UpstreamFailure upstreamFailure;
    private boolean logged;

    Exchange(String client, long bytesFromClient, long bytesToClient) {
        this.client = client;
        this.bytesFromClientAtStart = bytesFromClient;
        this.bytesToClientAtStart = bytesToClient;
    }

    /** The channel's current exchange, started if there is none (the first byte of a request starts one). */
    public static Exchange of(Channel ch) {
        Exchange e = ch.attr(KEY).get();
        if (e == null) {
            ByteCounter counter = ByteCounter.of(ch);
            e = new Exchange(clientAddress(ch), counter.fromClient(), counter.toClient());
            ch.attr(KEY).set(e);
        }
        return e;
    }

    /** Ends the current exchange: the next request on this connection starts a fresh one. */
    static Exchange finish(Channel ch) {
        Exchange e = ch.attr(KEY).getAndSet(null);
        if (e == null || e.logged) {
            return null;
        }
        e.logged = true;
        return e;
    }

    void allow(AllowRule rule) {
        this.rule = rule;
        this.decision = "allowed";
        this.reason = "allowed";
    }

    void deny(RejectReason reason) {
        this.decision = "denied";
        this.reason = reason.tag();
        this.status = reason.status() == null ? 0 : reason.status().code();
    }

    /** Source tag for metrics: a refusal before authentication has no source yet. */
    public String sourceTag() {
        return source == null ? "unauthenticated" : source;
    }

    private static String clientAddress(Channel ch) {
        return ch.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(ch.remoteAddress());
    }
}
