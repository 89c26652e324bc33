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
 * A CONNECT tunnel's byte pump, one per side: what one side reads is written to the other, flushed once per read
 * burst. Backpressure by the peer's write watermarks: when the peer's outbound buffer passes the high watermark this
 * side stops reading, and it reads again when the peer drains below the low one, so a slow reader slows the writer
 * instead of filling memory. (The HTTP stages use AUTO_READ off and one read per successful write; for tunnels that
 * pattern re-armed epoll twice per message and cost more than half the throughput of a small-request tunnel, see
 * the README's benchmark.) No interception: the bytes are TLS the firewall cannot and does not read.
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

    /** Starts both directions: from here on each side reads until its peer pushes back. */
    static void start(Channel a, Channel b) {
        a.config().setAutoRead(true);
        b.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // A failed write surfaces as exceptionCaught on the peer, whose relay closes both sides.
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    /** This side drained: the peer may read (and write to us) again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
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
