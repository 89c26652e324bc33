package dev.citadel.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HttpsRedirectHandlerTest {
    private FullHttpResponse answer(int httpsPort, String host, String uri) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpsRedirectHandler(httpsPort));
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        if (host != null) {
            req.headers().set("Host", host);
        }
        ch.writeInbound(req);
        assertThat(req.refCnt()).isZero();
        FullHttpResponse res = ch.readOutbound();
        assertThat(ch.isOpen()).isFalse();
        return res;
    }

    @Test
    void redirectsToTheSamePathOnHttpsWith308() {
        FullHttpResponse res = answer(8443, "shop.example:8080", "/api/x?q=1");
        assertThat(res.status().code()).isEqualTo(308);
        assertThat(res.headers().get("Location")).isEqualTo("https://shop.example:8443/api/x?q=1");
        assertThat(answer(443, "shop.example", "/").headers().get("Location")).isEqualTo("https://shop.example/");
    }

    @Test
    void refusesMissingOrCraftedHostsInsteadOfRedirectingToThem() {
        assertThat(answer(443, null, "/").status().code()).isEqualTo(400);
        assertThat(answer(443, "evil.example/@x", "/").status().code()).isEqualTo(400);
        assertThat(answer(443, "shop.example", "//evil.example/").headers().get("Location"))
                .isEqualTo("https://shop.example//evil.example/");
    }
}
