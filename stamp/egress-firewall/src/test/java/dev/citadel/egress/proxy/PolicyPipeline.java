package dev.citadel.egress.proxy;

import dev.citadel.egress.config.EgressProperties.AllowRule;
import dev.citadel.egress.config.EgressProperties.Limits;
import dev.citadel.egress.config.EgressProperties.Resolver;
import dev.citadel.egress.config.EgressProperties.Source;
import dev.citadel.egress.observe.DecisionLog;
import dev.citadel.egress.observe.EgressMetrics;
import dev.citadel.egress.policy.AllowList;
import dev.citadel.egress.policy.DestinationResolver;
import dev.citadel.egress.policy.SourceCredentials;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The proxy pipeline up to (not including) the frontend, on an EmbeddedChannel: what reaches the end was allowed.
 * Requests go in as raw bytes, answers come out as text, decision-log lines are collected.
 */
final class PolicyPipeline implements AutoCloseable {
    static final String PASSWORD = "pw-catalog-7f3a";

    final EgressMetrics metrics = new EgressMetrics();
    final List<String> logLines = new ArrayList<>();
    final List<FullHttpRequest> seen = new ArrayList<>();
    final List<FullHttpRequest> allowed = new ArrayList<>();
    final DestinationResolver resolver = new DestinationResolver(new Resolver(Map.of(
            "images.example.org", List.of("93.184.215.14"),
            "internal.example.org", List.of("93.184.215.15", "10.1.2.3"),
            "metadata.example.org", List.of("169.254.169.254"),
            "images.citadel.test", List.of("127.0.0.1"))), 1);
    final ProxyContext rt;
    final EmbeddedChannel channel;

    PolicyPipeline() {
        this(new Limits(null, null, null, 2048, 64));
    }

    PolicyPipeline(Limits limits) {
        List<Source> sources = List.of(new Source("catalog-api", Path.of("/unused"), List.of(
                new AllowRule("images.example.org", 443, null),
                new AllowRule("images.example.org", 80, null),
                new AllowRule("internal.example.org", 443, null),
                new AllowRule("metadata.example.org", 80, null),
                new AllowRule("images.citadel.test", 18080, true))));
        rt = new ProxyContext("region1", limits, SourceCredentials.of(Map.of("catalog-api", PASSWORD)),
                new AllowList(sources), resolver, metrics, new DecisionLog(logLines::add), NioSocketChannel.class);
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(DecisionLogHandler.NAME, new DecisionLogHandler(rt));
        EgressInitializer.addHttpCodec(channel.pipeline(), rt);
        channel.pipeline().addLast(DecoderResultHandler.NAME, new DecoderResultHandler(rt))
                .addLast("spy", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        seen.add((FullHttpRequest) msg);
                        ctx.fireChannelRead(msg);
                    }
                })
                .addLast(RequestTargetHandler.NAME, new RequestTargetHandler(rt))
                .addLast(ProxyAuthHandler.NAME, new ProxyAuthHandler(rt))
                .addLast(HostLiteralHandler.NAME, new HostLiteralHandler(rt))
                .addLast(AllowListHandler.NAME, new AllowListHandler(rt))
                .addLast(DestinationGuardHandler.NAME, new DestinationGuardHandler(rt))
                .addLast("allowed", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        allowed.add((FullHttpRequest) msg);
                    }
                });
    }

    static String auth() {
        return "Proxy-Authorization: Basic " + Base64.getEncoder()
                .encodeToString(("catalog-api:" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    static String connect(String authority) {
        return "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n" + auth() + "\r\n";
    }

    static String get(String uri) {
        return "GET " + uri + " HTTP/1.1\r\nHost: x\r\n" + auth() + "\r\n";
    }

    /** Sends raw request bytes; returns everything the pipeline answered, as text. */
    String send(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    double decisions(String decision, String reason) {
        return metrics.count("citadel.egress.firewall.decisions", "decision", decision, "reason", reason);
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        allowed.forEach(FullHttpRequest::release);
        resolver.close();
    }
}
