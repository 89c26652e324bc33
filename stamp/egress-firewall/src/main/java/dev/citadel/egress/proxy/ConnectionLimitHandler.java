package dev.citadel.egress.proxy;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds concurrent client connections ({@code limits.maxConnections}): each holds an upstream connection, buffers
 * and a file descriptor, so an unbounded count is a resource-exhaustion lever. Over the limit the connection is
 * closed before anything is read (no response is owed) and counted as a refusal.
 */
@Sharable
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "connection-limit";
    private final ProxyContext rt;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimitHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > rt.limits().maxConnections()) {
            Rejects.reject(rt, ctx, RejectReason.TOO_MANY_CONNECTIONS, null, "over " + rt.limits().maxConnections());
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }

    int open() {
        return open.get();
    }
}
