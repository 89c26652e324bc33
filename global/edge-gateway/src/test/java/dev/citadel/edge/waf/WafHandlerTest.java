package dev.citadel.edge.waf;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WafHandlerTest {

    private final WafEngine engine = WafEngine.withDefaultRules(WafPolicy.defaults());
    private final List<WafVerdict> refusals = new ArrayList<>();
    private final WafHandler handler = new WafHandler(engine, refusals::add);

    private static FullHttpRequest request(HttpMethod method, String uri, String body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.HOST, "shop.citadel.example");
        if (!body.isEmpty()) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        }
        return r;
    }

    @Test
    void blockedRequestGets403ProblemJsonWithTheReferenceIdAndIsReleased() {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        FullHttpRequest attack = request(HttpMethod.GET, "/api/1.0/catalogitem?id=1%20UNION%20SELECT%20password%20FROM%20users", "");

        assertThat(ch.writeInbound(attack)).isFalse();

        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        String body = response.content().toString(StandardCharsets.UTF_8);
        Matcher ref = Pattern.compile("\"referenceId\":\"([0-9a-f]{16})\"").matcher(body);
        assertThat(ref.find()).as(body).isTrue();
        assertThat(body).contains("\"status\":403").contains(WafProblem.TYPE_BLOCKED).doesNotContain("UNION");
        assertThat(refusals).singleElement().extracting(WafVerdict::referenceId).isEqualTo(ref.group(1));
        assertThat(ch.attr(WafHandler.REFERENCE_ID).get()).isEqualTo(ref.group(1));
        assertThat(attack.refCnt()).isZero();
        assertThat(ch.isOpen()).isTrue();
        assertThat(handler.blockedCount()).isEqualTo(1);
        response.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void allowedRequestPassesThroughUnchanged() {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        String json = "{\"authorName\":\"Seán O'Brien\",\"text\":\"Zoë's café — ½ price, \\\"great\\\"\"}";
        FullHttpRequest benign = request(HttpMethod.POST, "/api/1.0/catalogitem/6c8f1d1e-2b55-4f5a-9d57-0f5e8e7c9a11/comments", json);

        assertThat(ch.writeInbound(benign)).isTrue();

        FullHttpRequest passed = ch.readInbound();
        assertThat(passed).isSameAs(benign);
        assertThat(passed.refCnt()).isEqualTo(1);
        assertThat(passed.content().toString(StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(refusals).isEmpty();
        passed.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedBodyGets413AndIsReleased() {
        engine.updatePolicy(new WafPolicy(WafMode.PREVENTION, 5, 8, List.of()));
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        FullHttpRequest big = request(HttpMethod.POST, "/api/1.0/catalogitem", "{\"name\":\"a lamp\"}");

        ch.writeInbound(big);

        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"status\":413").contains("referenceId");
        assertThat(big.refCnt()).isZero();
        response.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void detectionOnlyModePassesTheRequestAndReportsIt() {
        engine.setMode(WafMode.DETECTION);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        FullHttpRequest attack = request(HttpMethod.GET, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "");

        assertThat(ch.writeInbound(attack)).isTrue();

        FullHttpRequest passed = ch.readInbound();
        assertThat(passed).isSameAs(attack);
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(refusals).singleElement().satisfies(v -> assertThat(v.detectionOnly()).isTrue());
        assertThat(handler.detectedCount()).isEqualTo(1);
        passed.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void closesTheConnectionAfterTheRefusalWhenTheClientAskedForClose() {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        FullHttpRequest attack = request(HttpMethod.GET, "/.git/config", "");
        attack.headers().set(HttpHeaderNames.CONNECTION, "close");

        ch.writeInbound(attack);

        FullHttpResponse response = ch.readOutbound();
        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        response.release();
    }

    @Test
    void messagesOtherThanFullRequestsPassUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/.env");

        assertThat(ch.writeInbound(head)).isTrue();
        assertThat((Object) ch.readInbound()).isSameAs(head);
        assertThat(handler.inspectedCount()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void oneSharedInstanceServesSeveralChannels() {
        EmbeddedChannel a = new EmbeddedChannel(handler);
        EmbeddedChannel b = new EmbeddedChannel(handler);
        a.writeInbound(request(HttpMethod.GET, "/wp-login.php", ""));
        b.writeInbound(request(HttpMethod.GET, "/api/1.0/catalogitem?limit=10", ""));
        FullHttpResponse refused = a.readOutbound();
        assertThat(refused.status().code()).isEqualTo(403);
        FullHttpRequest passed = b.readInbound();
        assertThat(passed.uri()).isEqualTo("/api/1.0/catalogitem?limit=10");
        refused.release();
        passed.release();
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }
}
