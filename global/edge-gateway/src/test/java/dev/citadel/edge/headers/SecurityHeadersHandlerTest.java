package dev.citadel.edge.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeProperties.SecurityHeaders;
import dev.citadel.edge.proxy.HttpsRedirectHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class SecurityHeadersHandlerTest {
    private final SecurityHeadersHandler handler = new SecurityHeadersHandler(new SecurityHeaders(31_536_000));

    @Test
    void theHttpListenersRedirectCarriesHstsAndNosniff() {
        EmbeddedChannel ch = new EmbeddedChannel(handler, new HttpsRedirectHandler(8443));
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        req.headers().set("Host", "shop.example");
        ch.writeInbound(req);
        FullHttpResponse res = ch.readOutbound();
        assertThat(res.status().code()).isEqualTo(308);
        assertThat(res.headers().get("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(res.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        res.release();
    }

    @Test
    void replacesWhatAnOriginSentForTheseHeaders() {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        FullHttpResponse origin = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        origin.headers().set("Strict-Transport-Security", "max-age=0").set("X-Content-Type-Options", "sniff-away");
        ch.writeOutbound(origin);
        FullHttpResponse res = ch.readOutbound();
        assertThat(res.headers().getAll("Strict-Transport-Security"))
                .containsExactly("max-age=31536000; includeSubDomains");
        assertThat(res.headers().getAll("X-Content-Type-Options")).containsExactly("nosniff");
        res.release();
    }
}
