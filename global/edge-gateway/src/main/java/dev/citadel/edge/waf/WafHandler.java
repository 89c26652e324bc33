package dev.citadel.edge.waf;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every complete request through the {@link WafEngine}. Must sit after the aggregator (it inspects
 * {@link FullHttpRequest}s; other messages pass untouched) and before routing. Blocked: 403 problem+json with
 * the reference id, the request released, a WARN log line carrying the same id. Body over the inspection limit:
 * 413 (the firewall never forwards bytes it has not inspected). Detection-only hits pass and are logged.
 * Stateless apart from counters, hence one shared instance for all channels.
 */
@Sharable
public final class WafHandler extends ChannelInboundHandlerAdapter {

    public static final String NAME = "waf";
    /** Set on the channel when a request was refused, so the access log can record the reference id. */
    public static final AttributeKey<String> REFERENCE_ID = AttributeKey.valueOf("citadel.waf.referenceId");

    private static final Logger log = LoggerFactory.getLogger(WafHandler.class);

    private final WafEngine engine;
    private final Consumer<WafVerdict> onRefusal;
    private final LongAdder inspected = new LongAdder();
    private final LongAdder blocked = new LongAdder();
    private final LongAdder detected = new LongAdder();

    public WafHandler(WafEngine engine) {
        this(engine, v -> { });
    }

    /** {@code onRefusal} sees every blocked, oversized or detection-only verdict (for metrics). */
    public WafHandler(WafEngine engine, Consumer<WafVerdict> onRefusal) {
        this.engine = engine;
        this.onRefusal = onRefusal;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        inspected.increment();
        WafVerdict verdict;
        try {
            verdict = engine.inspect(toWafRequest(ctx, request, engine.policy().maxBodyBytes()));
        } catch (RuntimeException e) {
            // Fail closed: a request the firewall could not inspect is not forwarded.
            ReferenceCountUtil.release(request);
            ctx.fireExceptionCaught(e);
            return;
        }
        if (verdict.allowed()) {
            if (verdict.detectionOnly()) {
                detected.increment();
                logVerdict("detected (detection-only, passed)", ctx, request, verdict);
                onRefusal.accept(verdict);
            }
            ctx.fireChannelRead(request);
            return;
        }
        refuse(ctx, request, verdict);
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest request, WafVerdict verdict) {
        blocked.increment();
        logVerdict(verdict.action() == WafVerdict.Action.TOO_LARGE ? "refused (body too large)" : "blocked",
                ctx, request, verdict);
        onRefusal.accept(verdict);
        ctx.channel().attr(REFERENCE_ID).set(verdict.referenceId());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpResponse response = verdict.action() == WafVerdict.Action.TOO_LARGE
                ? WafProblem.tooLarge(verdict.referenceId(), engine.policy().maxBodyBytes())
                : WafProblem.blocked(verdict.referenceId());
        ReferenceCountUtil.release(request);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    public long inspectedCount() {
        return inspected.sum();
    }

    public long blockedCount() {
        return blocked.sum();
    }

    public long detectedCount() {
        return detected.sum();
    }

    static WafRequest toWafRequest(ChannelHandlerContext ctx, FullHttpRequest request, int maxBodyBytes) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> h : request.headers()) {
            headers.add(h);
        }
        ByteBuf content = request.content();
        int length = content.readableBytes();
        byte[] body = new byte[Math.min(length, maxBodyBytes)];
        content.getBytes(content.readerIndex(), body);
        return new WafRequest(request.method().name(), request.uri(), headers, clientAddress(ctx.channel().remoteAddress()),
                body, length);
    }

    private static String clientAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static void logVerdict(String what, ChannelHandlerContext ctx, FullHttpRequest request, WafVerdict v) {
        log.warn("waf {} ref={} client={} method={} uri={} score={} rules={} matches={}", what, v.referenceId(),
                clientAddress(ctx.channel().remoteAddress()), RuleMatch.printable(request.method().name()),
                RuleMatch.printable(request.uri()), v.anomalyScore(), v.matchedRuleIds(), v.matches());
    }
}
