package dev.citadel.edge.proxy;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Backpressure for HTTP/1.1 (STYLE §6): the client channel runs with AUTO_READ off, and the next request is read
 * only once the previous response has been written, whoever wrote it (proxy, cache, WAF, rate limiter, reject).
 * This keeps pipelined requests in order and stops a fast client from queueing unbounded work.
 */
@Sharable
public final class ReadAfterResponseHandler extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            ChannelPromise p = promise.unvoid();
            p.addListener(f -> {
                if (f.isSuccess() && ctx.channel().isActive()) {
                    ctx.channel().read();
                }
            });
            ctx.write(msg, p);
            return;
        }
        ctx.write(msg, promise);
    }
}
