package dev.citadel.edge.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-HTTP listener's only job: 308 to the same path on HTTPS (308 keeps the method and body, RFC 9110
 * §15.4.9). The Host is checked against a strict pattern so the redirect cannot be bent into a header injection
 * or a redirect to a crafted string; then the connection closes (nothing else is served in clear text).
 */
@Sharable
public final class HttpsRedirectHandler extends ChannelInboundHandlerAdapter {
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.\\-]{1,253})(:\\d{1,5})?");
    private final int httpsPort;

    public HttpsRedirectHandler(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                ctx.writeAndFlush(redirect(req)).addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    FullHttpResponse redirect(HttpRequest req) {
        String host = req.headers().get(HttpHeaderNames.HOST);
        Matcher m = host == null ? null : HOST.matcher(host);
        if (!req.decoderResult().isSuccess() || m == null || !m.matches() || !req.uri().startsWith("/")) {
            return status(HttpResponseStatus.BAD_REQUEST);
        }
        String port = httpsPort == 443 ? "" : ":" + httpsPort;
        FullHttpResponse r = status(HttpResponseStatus.PERMANENT_REDIRECT);
        r.headers().set(HttpHeaderNames.LOCATION, "https://" + m.group(1) + port + req.uri());
        return r;
    }

    private static FullHttpResponse status(HttpResponseStatus s) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, s);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
