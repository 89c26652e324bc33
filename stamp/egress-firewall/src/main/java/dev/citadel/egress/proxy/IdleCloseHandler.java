package dev.citadel.egress.proxy;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection (client or upstream side) on which nothing was read or written for
 * {@code limits.idleTimeoutMs}: idle tunnels and slow-loris heads must not pin connections forever. "Nothing either
 * way", not "nothing read": a long download over a tunnel reads nothing from the client and is not idle.
 */
@Sharable
final class IdleCloseHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "idle-close";
    static final IdleCloseHandler INSTANCE = new IdleCloseHandler();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
