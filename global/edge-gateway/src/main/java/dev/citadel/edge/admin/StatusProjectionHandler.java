package dev.citadel.edge.admin;

import dev.citadel.edge.origin.OriginRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read-only projection of the edge's origin view on the public listener (after rate limits and WAF), so an
 * operations page in a browser can draw the global view without the operator's certificate. It answers GET and
 * HEAD on one path and never changes anything; everything else passes on to routing.
 */
@Sharable
public final class StatusProjectionHandler extends ChannelInboundHandlerAdapter {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final OriginRegistry registry;
    private final String path;

    public StatusProjectionHandler(OriginRegistry registry, String path) {
        this.registry = registry;
        this.path = path;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || !new QueryStringDecoder(req.uri()).path().equals(path)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            respond(ctx, req);
        } finally {
            req.release();
        }
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean read = HttpMethod.GET.equals(req.method()) || HttpMethod.HEAD.equals(req.method());
        FullHttpResponse res = read ? json(HttpResponseStatus.OK, snapshot(), "application/json")
                : json(HttpResponseStatus.METHOD_NOT_ALLOWED, problem(), "application/problem+json");
        if (!read) {
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        if (HttpMethod.HEAD.equals(req.method())) {
            res.content().clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generatedAtMillis", System.currentTimeMillis());
        m.put("origins", registry.all().stream()
                .map(v -> OriginStatus.forPublic(v, registry.health(v.origin().name()))).toList());
        return m;
    }

    private static Map<String, Object> problem() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://citadel.dev/problems/edge/405");
        p.put("title", "Method Not Allowed");
        p.put("status", 405);
        p.put("detail", "The edge status is read-only.");
        return p;
    }

    private static FullHttpResponse json(HttpResponseStatus status, Object body, String type) {
        byte[] bytes = JSON.writeValueAsBytes(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }
}
