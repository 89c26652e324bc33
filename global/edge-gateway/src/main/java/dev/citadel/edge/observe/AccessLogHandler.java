package dev.citadel.edge.observe;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import dev.citadel.edge.waf.WafHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;

/**
 * One JSON line per request on the {@code edge.access} logger (its own appender in logback.xml): time, client,
 * method, path, status, origin, duration, response bytes and the WAF reference when the WAF refused. Sits after
 * the aggregator and before rate limiting and the WAF, so their refusals are logged too. Per channel: HTTP/1.1
 * here serves one request at a time, and each HTTP/2 stream has its own channel.
 */
public final class AccessLogHandler extends ChannelDuplexHandler {
    /** Set by whoever answered the request: the origin's name, or "edge" / "cache". */
    public static final AttributeKey<String> ORIGIN = AttributeKey.valueOf("edge.access.origin");

    private final EdgeMetrics metrics;
    private final AccessLog log;
    private long startNanos;
    private String method = "-";
    private String path = "-";

    public AccessLogHandler(EdgeMetrics metrics, AccessLog log) {
        this.metrics = metrics;
        this.log = log;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            startNanos = System.nanoTime();
            method = req.method().name();
            int q = req.uri().indexOf('?');
            path = q < 0 ? req.uri() : req.uri().substring(0, q);
            ctx.channel().attr(ORIGIN).set(null);
            ctx.channel().attr(WafHandler.REFERENCE_ID).set(null);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof FullHttpResponse res && startNanos != 0) {
            long nanos = System.nanoTime() - startNanos;
            startNanos = 0;
            String origin = ctx.channel().attr(ORIGIN).get();
            metrics.response(res.status().code(), origin == null ? "edge" : origin, nanos);
            if (log.enabled()) {
                log.append(line(ctx.channel().remoteAddress(), res, origin, nanos, ctx.channel().attr(WafHandler.REFERENCE_ID).get()));
            }
        }
        ctx.write(msg, promise);
    }

    private String line(SocketAddress client, FullHttpResponse res, String origin, long nanos, String wafRef) {
        AccessLogLine line = new AccessLogLine()
                .string("time", Instant.now().toString())
                .string("client", client instanceof InetSocketAddress a ? a.getAddress().getHostAddress()
                        : String.valueOf(client))
                .string("method", method)
                .string("path", path)
                .number("status", res.status().code())
                .string("origin", origin == null ? "edge" : origin)
                .millis("durationMs", nanos)
                .number("bytes", res.content().readableBytes());
        if (wafRef != null) {
            line.string("wafRef", wafRef);
        }
        return line.build();
    }
}
