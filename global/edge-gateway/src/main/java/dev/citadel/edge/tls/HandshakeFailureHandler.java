package dev.citadel.edge.tls;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Sits right after a listener's {@link SslHandler}: a failed handshake is recorded once in the
 * {@link HandshakeFailureLog} and the connection closed. Neither the failure event nor the decoder exception that
 * follows it travels further, because the handlers behind (ALPN negotiation, the HTTP handlers) would each log it
 * again, with a stack trace, for every scanner that knocks.
 */
@Sharable
public final class HandshakeFailureHandler extends ChannelInboundHandlerAdapter {
    public static final String NAME = "tls-handshake-failures";

    private final String listener;
    private final HandshakeFailureLog log;

    public HandshakeFailureHandler(String listener, HandshakeFailureLog log) {
        this.listener = listener;
        this.log = log;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            log.record(listener, ctx.channel().remoteAddress(), done.cause());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().isSuccess()) {
            ctx.close(); // the handshake's own failure: already recorded by userEventTriggered
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
