package dev.citadel.egress.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination side of a plain-HTTP forward: streams the response to the client piece by piece, reading the
 * next piece only after the previous one was written (backpressure), without hop-by-hop fields, and closes both
 * connections after the last piece (one request per upstream connection). A destination that goes away before
 * its response is complete is an upstream failure ({@code reset}).
 */
final class EgressBackendHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "backend";
    private static final Logger log = LoggerFactory.getLogger(EgressBackendHandler.class);
    private final ProxyContext rt;
    private final Channel client;
    private boolean responseStarted;
    private boolean complete;

    EgressBackendHandler(ProxyContext rt, Channel client) {
        this.rt = rt;
        this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject) || complete) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            responseStarted = true;
            Exchange e = client.attr(Exchange.KEY).get();
            if (e != null) {
                e.status = response.status().code();
            }
            HopByHopHeaders.strip(response.headers());
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        boolean last = msg instanceof LastHttpContent;
        complete = last;
        client.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                ctx.close();
                f.channel().close();
            } else if (last) {
                ctx.close();
                f.channel().close();
            } else {
                ctx.channel().read();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (complete || !client.isActive()) {
            return;
        }
        if (!responseStarted) {
            Rejects.upstreamFailed(rt, client, UpstreamFailure.RESET);
            return;
        }
        Exchange e = client.attr(Exchange.KEY).get();
        if (e != null) {
            e.upstreamFailure = UpstreamFailure.RESET;
            rt.metrics().upstreamFailure(e.sourceTag(), UpstreamFailure.RESET.tag());
        }
        client.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        rt.metrics().error("upstream");
        log.info("upstream connection for {} closed on error: {}", client.remoteAddress(), cause.toString());
        ctx.close();
    }
}
