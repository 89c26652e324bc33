package dev.citadel.egress.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * First in the pipeline: counts the raw bytes each way (HTTP and tunnel alike) and, when the client connection
 * closes, writes the line of an exchange still open (an allowed tunnel or forward; refusals write their own line).
 */
final class DecisionLogHandler extends ChannelDuplexHandler {
    static final String NAME = "decision-log";
    private final ProxyContext rt;

    DecisionLogHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long size = size(msg);
        if (size > 0) {
            Exchange.of(ctx.channel()); // the first byte of a request starts its exchange (and its byte counts)
        }
        ByteCounter.of(ctx.channel()).fromClient += size;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ByteCounter.of(ctx.channel()).toClient += size(msg);
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Decisions.finish(rt, ctx.channel());
        ctx.fireChannelInactive();
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        return msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
    }
}
