package dev.citadel.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeProperties.Origin;
import dev.citadel.edge.config.Secret;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestRewriterTest {
    private final RequestRewriter rewriter = new RequestRewriter();
    private final Origin origin = new Origin("a", "10.0.0.1", 8443, "a.stamp.test", 50, 1, true, "/health/stamp",
            Secret.of("edge-7"));

    private FullHttpRequest request() {
        FullHttpRequest in = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/x?y=1",
                Unpooled.copiedBuffer("{\"a\":1}", StandardCharsets.UTF_8));
        in.headers().set("Host", "www.example.com").set("Connection", "keep-alive, X-Secret-Hop")
                .set("X-Secret-Hop", "1").set("Keep-Alive", "timeout=5").set("TE", "trailers")
                .set("Transfer-Encoding", "chunked").set("Upgrade", "h2c").set("Proxy-Authorization", "Basic x")
                .set("Proxy-Foo", "bar").set("X-Edge-Id", "forged").set("X-Forwarded-For", "6.6.6.6")
                .set("Forwarded", "for=6.6.6.6").set("Expect", "100-continue").set("X-Keep", "yes");
        return in;
    }

    @Test
    void stripsEveryHopByHopHeaderIncludingThoseNamedInConnection() {
        FullHttpRequest in = request();
        FullHttpRequest out = rewriter.rewrite(in, origin, "203.0.113.9");
        HttpHeaders h = out.headers();
        assertThat(h.names()).doesNotContain("Connection", "X-Secret-Hop", "Keep-Alive", "TE", "Transfer-Encoding",
                "Upgrade", "Proxy-Authorization", "Proxy-Foo", "Forwarded", "Expect");
        assertThat(h.get("X-Keep")).isEqualTo("yes");
        assertThat(h.getInt("Content-Length")).isEqualTo(7);
        assertThat(out.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        out.release();
        assertThat(in.refCnt()).isEqualTo(1); // the buffered original survives for a retry
        in.release();
    }

    @Test
    void replacesIdentityAndForwardingHeadersTheClientMayHaveForged() {
        FullHttpRequest in = request();
        FullHttpRequest out = rewriter.rewrite(in, origin, "203.0.113.9");
        assertThat(out.headers().get("X-Edge-Id")).isEqualTo("edge-7");
        assertThat(out.headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9");
        assertThat(out.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(out.headers().get("X-Forwarded-Host")).isEqualTo("www.example.com");
        assertThat(out.headers().get("Host")).isEqualTo("a.stamp.test");
        out.release();
        in.release();
    }

    @Test
    void sendsEachOriginTheEdgeIdOfItsOwnStamp() {
        Origin b = new Origin("b", "10.0.0.2", 8443, "b.stamp.test", 50, 1, true, "/health/stamp",
                Secret.of("edge-for-stamp-b"));
        FullHttpRequest in = request();
        FullHttpRequest toA = rewriter.rewrite(in, origin, "203.0.113.9");
        FullHttpRequest toB = rewriter.rewrite(in, b, "203.0.113.9");
        assertThat(toA.headers().getAll("X-Edge-Id")).containsExactly("edge-7");
        assertThat(toB.headers().getAll("X-Edge-Id")).containsExactly("edge-for-stamp-b");
        toA.release();
        toB.release();
        in.release();
    }

    @Test
    void createsATraceparentWhenAbsentOrInvalidAndKeepsAValidOne() {
        FullHttpRequest in = request();
        FullHttpRequest out = rewriter.rewrite(in, origin, "1.2.3.4");
        assertThat(out.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        out.release();
        in.headers().set("traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01");
        out = rewriter.rewrite(in, origin, "1.2.3.4");
        assertThat(out.headers().get("traceparent")).doesNotContain("0000000000000000000000");
        out.release();
        String valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        in.headers().set("traceparent", valid);
        out = rewriter.rewrite(in, origin, "1.2.3.4");
        assertThat(out.headers().get("traceparent")).isEqualTo(valid);
        out.release();
        in.release();
    }
}
