package dev.citadel.egress.proxy;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Optional;

/**
 * RFC 9110 §11.7: who is asking. Every request names its source with Proxy-Authorization Basic; none or a wrong one
 * gets 407 with the Basic challenge (Java's HttpClient sends credentials only after that challenge). The connection
 * stays open so the client can retry on it. The header is removed here: it never travels upstream or into a log.
 */
@Sharable
final class ProxyAuthHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "proxy-auth";
    private final ProxyContext rt;

    ProxyAuthHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FullHttpRequest request = (FullHttpRequest) msg;
        String credential = request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION);
        request.headers().remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        if (credential == null) {
            Rejects.reject(rt, ctx, RejectReason.PROXY_AUTH_REQUIRED, msg, "credentials required");
            return;
        }
        Optional<String> source = rt.credentials().authenticate(credential);
        if (source.isEmpty()) {
            Rejects.reject(rt, ctx, RejectReason.PROXY_AUTH_INVALID, msg, "credentials not accepted");
            return;
        }
        Exchange.of(ctx.channel()).source = source.get();
        ctx.fireChannelRead(msg);
    }
}
