package dev.citadel.egress.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Buffers a plain-HTTP request body up to {@code limits.maxBodyBytes} (CONNECT has none), so the policy handlers see
 * one complete request. Netty's own oversize answer would bypass the reject funnel; this sends it through.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    static final String NAME = "aggregator";
    private final ProxyContext rt;

    BoundedAggregator(ProxyContext rt) {
        super(rt.limits().maxBodyBytes(), true);
        this.rt = rt;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            Exchange.of(ctx.channel()).method = request.method().name();
        }
        // The aggregator releases the oversized message itself after this call.
        Rejects.reject(rt, ctx, RejectReason.BODY_TOO_LARGE, null,
                "body over " + rt.limits().maxBodyBytes() + " bytes");
    }
}
