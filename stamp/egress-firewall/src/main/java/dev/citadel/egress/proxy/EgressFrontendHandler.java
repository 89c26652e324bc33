package dev.citadel.egress.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of an allowed request: connects to exactly the address the guard checked, on the client's own
 * event loop (no cross-thread hand-off), with reads off until there is somewhere to put the bytes. CONNECT: answers
 * 200 and then replaces the HTTP handlers with a {@link RelayHandler} pair. Plain HTTP: forwards the request in
 * origin form and lets {@link EgressBackendHandler} stream the response back.
 */
final class EgressFrontendHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "frontend";
    private static final Logger log = LoggerFactory.getLogger(EgressFrontendHandler.class);
    private final ProxyContext rt;
    private Channel outbound;

    EgressFrontendHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FullHttpRequest request = (FullHttpRequest) msg;
        Exchange e = Exchange.of(ctx.channel());
        Channel client = ctx.channel();
        ChannelFuture connect = new Bootstrap().group(client.eventLoop()).channel(rt.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, rt.limits().connectTimeoutMs())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, rt.limits().idleTimeoutMs(),
                                TimeUnit.MILLISECONDS)).addLast(IdleCloseHandler.NAME, IdleCloseHandler.INSTANCE);
                        if (!e.target.tunnel()) {
                            ch.pipeline().addLast("http-codec", new HttpClientCodec())
                                    .addLast(EgressBackendHandler.NAME, new EgressBackendHandler(rt, client));
                        }
                    }
                })
                .connect(new InetSocketAddress(e.connectTo, e.target.port()));
        outbound = connect.channel();
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                request.release();
                Rejects.upstreamFailed(rt, client, UpstreamFailure.ofConnect(f.cause()));
            } else if (e.target.tunnel()) {
                request.release();
                openTunnel(ctx, e);
            } else {
                forward(request, e);
            }
        });
    }

    private void openTunnel(ChannelHandlerContext ctx, Exchange e) {
        e.status = 200;
        DefaultFullHttpResponse established = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection Established"));
        ctx.writeAndFlush(established).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                outbound.close();
                return;
            }
            Channel client = ctx.channel();
            ChannelPipeline p = ctx.pipeline();
            p.addLast(RelayHandler.NAME, new RelayHandler(rt, outbound, client, false));
            EgressInitializer.removeHttpHandlers(p);
            outbound.pipeline().addLast(RelayHandler.NAME, new RelayHandler(rt, client, client, true));
            RelayHandler.start(client, outbound);
        });
    }

    private void forward(FullHttpRequest request, Exchange e) {
        request.setUri(e.target.pathAndQuery());
        HopByHopHeaders.strip(request.headers());
        request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        request.headers().set(HttpHeaderNames.HOST,
                e.target.port() == 80 ? e.target.hostText() : e.target.hostText() + ":" + e.target.port());
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        outbound.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                f.channel().read();
            } else {
                f.channel().close(); // the backend handler reports the failure when the channel goes inactive
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (outbound != null) {
            RelayHandler.closeOnFlush(outbound);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        rt.metrics().error("client");
        log.info("client connection {} closed on error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
