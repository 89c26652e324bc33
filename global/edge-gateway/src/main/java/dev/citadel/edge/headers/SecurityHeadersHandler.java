package dev.citadel.edge.headers;

import dev.citadel.edge.config.EdgeProperties.SecurityHeaders;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;

/**
 * Sets {@code Strict-Transport-Security} (RFC 6797: browsers then never try plain HTTP or click through a bad
 * certificate for this host and its subdomains) and {@code X-Content-Type-Options: nosniff} (a browser must not
 * reinterpret a JSON or problem body as HTML or script) on every response written on the channel. It sits directly
 * after the HTTP codec, so every handler behind it (rejects, rate limit, WAF, status, cache, relay, redirect, admin)
 * writes through it, and what an origin sent for these two headers is replaced: the edge's policy wins.
 */
@Sharable
public final class SecurityHeadersHandler extends ChannelOutboundHandlerAdapter {
    public static final String NAME = "security-headers";
    private static final AsciiString STRICT_TRANSPORT_SECURITY = AsciiString.cached("strict-transport-security");
    private static final AsciiString X_CONTENT_TYPE_OPTIONS = AsciiString.cached("x-content-type-options");
    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

    private final AsciiString hsts;

    public SecurityHeadersHandler(SecurityHeaders cfg) {
        this.hsts = AsciiString.of(cfg.hsts());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse res) {
            res.headers().set(STRICT_TRANSPORT_SECURITY, hsts)
                    .set(X_CONTENT_TYPE_OPTIONS, NOSNIFF);
        }
        ctx.write(msg, promise);
    }
}
