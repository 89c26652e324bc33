package dev.citadel.egress.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one refusal path (STYLE §5): release the message, record and count the decision, log at debug, then answer
 * (and close when the reason says so) and write the decision-log line once the answer is out. Also the path for
 * allowed requests whose destination then fails.
 */
public final class Rejects {
    static final String REALM = "Basic realm=\"citadel-egress\"";
    /** RFC 9209: marks an answer as the firewall's own, with the proxy error type. */
    static final io.netty.util.AsciiString PROXY_STATUS = io.netty.util.AsciiString.cached("proxy-status");
    static final String PROXY_NAME = "citadel-egress-firewall";
    private static final Logger log = LoggerFactory.getLogger(Rejects.class);

    private Rejects() {
    }

    public static void reject(ProxyContext rt, ChannelHandlerContext ctx, RejectReason reason, Object message,
                              String detail) {
        ReferenceCountUtil.release(message);
        Exchange e = Exchange.of(ctx.channel());
        e.deny(reason);
        Decisions.count(rt, e);
        if (log.isDebugEnabled()) {
            log.debug("denied {} from {} (source {}): {}", reason.tag(), e.client, e.sourceTag(), detail);
        }
        if (reason.status() == null) {
            Decisions.finish(rt, ctx.channel());
            ctx.close();
            return;
        }
        FullHttpResponse response = response(reason.status(), reason.tag() + ": " + detail, reason.closesConnection());
        response.headers().set(PROXY_STATUS, proxyStatus(reason.proxyError()));
        if (reason == RejectReason.PROXY_AUTH_REQUIRED || reason == RejectReason.PROXY_AUTH_INVALID) {
            response.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, REALM);
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            Decisions.finish(rt, f.channel());
            if (reason.closesConnection() || !f.isSuccess()) {
                f.channel().close();
            } else {
                TunnelAwareRequestDecoder decoder = f.channel().pipeline().get(TunnelAwareRequestDecoder.class);
                if (decoder != null) {
                    decoder.resume(); // a refused CONNECT: the next bytes are the client's next request
                }
                f.channel().read(); // AUTO_READ is off: ask for the client's next request
            }
        });
    }

    /** An allowed destination failed before any of its response reached the client: 502/504, then close. */
    static void upstreamFailed(ProxyContext rt, Channel client, UpstreamFailure failure) {
        Exchange e = Exchange.of(client);
        e.upstreamFailure = failure;
        e.status = failure.status().code();
        rt.metrics().upstreamFailure(e.sourceTag(), failure.tag());
        log.debug("upstream {} for {} ({}:{})", failure.tag(), e.sourceTag(), e.connectTo,
                e.target == null ? 0 : e.target.port());
        FullHttpResponse response = response(failure.status(), failure.tag(), true);
        response.headers().set(PROXY_STATUS, proxyStatus(failure.proxyError()));
        client.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    static String proxyStatus(String error) {
        return PROXY_NAME + "; error=" + error;
    }

    /** A short plain-text body: the client is a program, and the reason tag is what its operator greps for. */
    static FullHttpResponse response(HttpResponseStatus status, String text, boolean close) {
        ByteBuf body = Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
