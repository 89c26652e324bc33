package dev.citadel.edge.ratelimit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-client rate limit on complete requests (place it after the aggregator, before the WAF: refusing a
 * flooding client is cheaper than inspecting it). Over the limit: 429 problem+json with {@code Retry-After}
 * (RFC 6585 §4, RFC 9110 §10.2.3) in seconds until the client's next token. The client key is the TCP peer
 * address, never X-Forwarded-For (the edge is the first hop, so that header is attacker-controlled); IPv6
 * peers are keyed by their /64, since one subscriber usually holds a whole /64.
 */
@Sharable
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "rate-limit";
    static final String PROBLEM_TYPE = "https://citadel.dev/problems/rate-limited";
    private static final Logger log = LoggerFactory.getLogger(RateLimitHandler.class);

    private final RateLimiter limiter;
    private final LongAdder limited = new LongAdder();

    public RateLimitHandler(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String client = clientKey(ctx.channel().remoteAddress());
        RateLimiter.Decision decision = limiter.tryAcquire(client);
        if (decision.allowed()) {
            ctx.fireChannelRead(request);
            return;
        }
        limited.increment();
        log.debug("rate limited client={} retryAfter={}s", client, decision.retryAfterSeconds());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ReferenceCountUtil.release(request);
        FullHttpResponse response = tooManyRequests(decision.retryAfterSeconds());
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public long limitedCount() {
        return limited.sum();
    }

    static String clientKey(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress ip = inet.getAddress();
            if (ip instanceof Inet6Address) {
                byte[] b = ip.getAddress();
                StringBuilder sb = new StringBuilder("v6:");
                for (int i = 0; i < 8; i++) {
                    sb.append(String.format("%02x", b[i]));
                }
                return sb.append("/64").toString();
            }
            return ip.getHostAddress();
        }
        return String.valueOf(address);
    }

    private static FullHttpResponse tooManyRequests(long retryAfterSeconds) {
        String json = "{\"type\":\"" + PROBLEM_TYPE + "\",\"title\":\"Too many requests\",\"status\":429,"
                + "\"detail\":\"Request rate limit exceeded; retry after " + retryAfterSeconds + " s.\"}";
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.TOO_MANY_REQUESTS, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
