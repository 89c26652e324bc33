package dev.citadel.edge.reject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Refuses requests with an absurd number of header fields (431, RFC 6585 §5). Netty bounds header bytes but not
 * header count, and thousands of tiny headers cost the WAF and the origins far more than their bytes suggest.
 */
@Sharable
public final class HeaderCountHandler extends ChannelInboundHandlerAdapter {
    private final Rejects rejects;
    private final int maxHeaders;

    public HeaderCountHandler(Rejects rejects, int maxHeaders) {
        this.rejects = rejects;
        this.maxHeaders = maxHeaders;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req && req.headers().size() > maxHeaders) {
            rejects.reject(ctx, RejectReason.TOO_MANY_HEADERS, msg,
                    "More than " + maxHeaders + " header fields.");
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
