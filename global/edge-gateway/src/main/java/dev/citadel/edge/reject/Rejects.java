package dev.citadel.edge.reject;

import dev.citadel.edge.observe.EdgeMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reject path (STYLE §5): count, log at debug, release the message, then answer problem+json or close.
 * Never a stack trace on the wire.
 */
public final class Rejects {
    private static final Logger log = LoggerFactory.getLogger(Rejects.class);
    private final EdgeMetrics metrics;

    public Rejects(EdgeMetrics metrics) {
        this.metrics = metrics;
    }

    public void reject(ChannelHandlerContext ctx, RejectReason reason, Object message, String detail) {
        metrics.reject(reason.tag());
        if (log.isDebugEnabled()) {
            log.debug("reject {} from {}: {}", reason.tag(), ctx.channel().remoteAddress(), detail);
        }
        ReferenceCountUtil.release(message);
        if (reason.status() == null) {
            ctx.close();
            return;
        }
        FullHttpResponse response = problem(reason, detail);
        if (reason.closesConnection()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    /** An RFC 9457 body; {@code detail} is ours, never an exception message from a library. */
    public static FullHttpResponse problem(RejectReason reason, String detail) {
        String json = "{\"type\":\"" + reason.problemType() + "\",\"title\":\"" + reason.title() + "\",\"status\":"
                + reason.status().code() + ",\"detail\":\"" + escape(detail) + "\"}";
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reason.status(), body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (reason.status().code() >= 502) { // a failing dependency: tell clients when to come back
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        return response;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
