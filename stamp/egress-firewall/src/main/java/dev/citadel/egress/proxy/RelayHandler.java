package dev.citadel.egress.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CONNECT tunnel's byte pump, one per side: what one side reads is written to the other, and the next read is
 * asked for only once that write succeeded (AUTO_READ is off), so a slow reader slows the writer instead of
 * filling memory. No interception: the bytes are TLS the firewall cannot and does not read.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "relay";
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);
    private final ProxyContext rt;
    private final Channel peer;
    private final Channel client;
    private final boolean upstreamSide;

    /** @param client the firewall's client connection (it owns the exchange); {@code peer} is the other side. */
    RelayHandler(ProxyContext rt, Channel peer, Channel client, boolean upstreamSide) {
        this.rt = rt;
        this.peer = peer;
        this.client = client;
        this.upstreamSide = upstreamSide;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                f.channel().close();
                ctx.close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        rt.metrics().error(upstreamSide ? "tunnel-upstream" : "tunnel-client");
        Exchange e = client.attr(Exchange.KEY).get();
        if (upstreamSide && cause instanceof IOException && e != null && e.upstreamFailure == null) {
            e.upstreamFailure = UpstreamFailure.RESET;
            rt.metrics().upstreamFailure(e.sourceTag(), UpstreamFailure.RESET.tag());
        }
        log.info("tunnel {} side of {} closed on error: {}", upstreamSide ? "upstream" : "client",
                client.remoteAddress(), cause.toString());
        ctx.close();
    }

    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
