package dev.citadel.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.EdgeSecurity;
import dev.citadel.edge.admin.StatusProjectionHandler;
import dev.citadel.edge.cache.ResponseCache;
import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.config.EdgeProperties;
import dev.citadel.edge.headers.SecurityHeadersHandler;
import dev.citadel.edge.observe.AccessLog;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.edge.origin.OriginSelector;
import dev.citadel.edge.reject.Rejects;
import dev.citadel.edge.routing.RouteTable;
import dev.citadel.edge.tls.HandshakeFailureHandler;
import dev.citadel.edge.tls.HandshakeFailureLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The public HTTP/1.1 pipeline as {@link EdgeInitializer} builds it (without TLS), fed raw bytes: every kind of
 * answer the edge writes itself carries HSTS and nosniff. (Relayed origin answers: {@code EdgeProxyIT}.)
 */
class EdgeInitializerTest {
    private static final String HSTS = "strict-transport-security: max-age=600; includesubdomains";
    private static final String NOSNIFF = "x-content-type-options: nosniff";
    private static final String YAML = "edgeId: e1\ntls: {certificate: /c, privateKey: /k, clientCertificate: /cc,"
            + " clientPrivateKey: /ck, originCa: /oca, operatorCa: /pca}\n"
            + "originGroups:\n  - name: apis\n    origins:\n      - {name: a, host: 10.0.0.1, enabled: false}\n"
            + "routes:\n  - {pattern: /api/*, originGroup: apis}\n"
            + "securityHeaders: {hstsMaxAgeSeconds: 600}\n";

    private final EdgeMetrics metrics = new EdgeMetrics();
    private final AccessLog accessLog = AccessLog.toLogger(metrics);

    @AfterEach
    void close() {
        accessLog.close();
    }

    private EmbeddedChannel channel(String extraYaml) {
        EdgeProperties props = EdgeConfigLoader.parse(YAML + extraYaml);
        Rejects rejects = new Rejects(metrics);
        OriginRegistry registry = new OriginRegistry(props);
        ResponseCache cache = new ResponseCache(1 << 20, 1 << 20, System::nanoTime);
        FullHttpResponse cached = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer("cached", StandardCharsets.UTF_8));
        cached.headers().set("Cache-Control", "public, max-age=60").setInt("Content-Length", 6);
        cache.put(ResponseCache.key("localhost", "/api/cached"), cached, 60);
        ProxyRuntime rt = new ProxyRuntime(new RouteTable(props.routes()), registry, new OriginSelector(registry),
                new OriginPools(null, NioSocketChannel.class, 1000, 1 << 20, HandshakeFailureLog.toLogger(metrics)), new RequestRewriter(), cache, metrics,
                rejects, props.timeouts());
        List<Map.Entry<String, ChannelHandler>> stages = new ArrayList<>(EdgeSecurity.from(props, metrics).handlers());
        stages.add(Map.entry("status", new StatusProjectionHandler(registry, "/edge/status")));
        EdgeInitializer init = new EdgeInitializer(null, props.limits(), rejects, metrics, accessLog, stages,
                new ProxyFrontendHandler(rt), new SecurityHeadersHandler(props.securityHeaders()),
                new HandshakeFailureHandler("public", HandshakeFailureLog.toLogger(metrics)));
        EmbeddedChannel ch = new EmbeddedChannel();
        init.addHttp1(ch.pipeline());
        return ch;
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString().toLowerCase();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test\r\nAccept: */*\r\n\r\n";
    }

    private static void assertSecurityHeaders(String response, String statusLine) {
        assertThat(response).startsWith(statusLine.toLowerCase()).contains(HSTS).contains(NOSNIFF);
    }

    @Test
    void noRouteNoOriginCacheHitAndStatusAnswersCarryHstsAndNosniff() {
        EmbeddedChannel ch = channel("");
        assertSecurityHeaders(exchange(ch, get("/nowhere")), "HTTP/1.1 404");
        assertSecurityHeaders(exchange(ch, get("/api/live")), "HTTP/1.1 503");
        String cached = exchange(ch, get("/api/cached"));
        assertSecurityHeaders(cached, "HTTP/1.1 200");
        assertThat(cached).endsWith("cached");
        assertSecurityHeaders(exchange(ch, get("/edge/status")), "HTTP/1.1 200");
        ch.finishAndReleaseAll();
    }

    @Test
    void wafAndRateLimitRefusalsCarryHstsAndNosniff() {
        EmbeddedChannel ch = channel("rateLimit: {capacity: 2, refillPerSecond: 0.001}\n");
        assertSecurityHeaders(exchange(ch, get("/api/x?q=%3Cscript%3Ealert(1)%3C/script%3E")), "HTTP/1.1 403");
        assertSecurityHeaders(exchange(ch, get("/api/cached")), "HTTP/1.1 200");
        assertSecurityHeaders(exchange(ch, get("/api/cached")), "HTTP/1.1 429");
        ch.finishAndReleaseAll();
    }

    @Test
    void framingRejectsCarryHstsAndNosniff() {
        EmbeddedChannel ch = channel("limits: {maxHeaderCount: 8}\n");
        StringBuilder many = new StringBuilder("GET /api/x HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 20; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertSecurityHeaders(exchange(ch, many.append("\r\n").toString()), "HTTP/1.1 431");
        ch.finishAndReleaseAll();
        EmbeddedChannel bad = channel("");
        assertSecurityHeaders(exchange(bad, "GET /api/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n"),
                "HTTP/1.1 400");
        bad.finishAndReleaseAll();
    }
}
