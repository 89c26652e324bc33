package dev.citadel.egress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    @Test
    void removesConnectionFieldsTheFieldsTheyNameAndEveryProxyField() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Secret-Hop")
                .add("X-Secret-Hop", "1")
                .add("Keep-Alive", "timeout=5")
                .add("TE", "trailers")
                .add("Trailer", "X")
                .add("Upgrade", "h2c")
                .add("Proxy-Authorization", "Basic abc")
                .add("Proxy-Connection", "keep-alive")
                .add("proxy-anything", "x")
                .add("Accept", "image/png")
                .add("Host", "images.example.org");
        HopByHopHeaders.strip(h);
        assertThat(h.names()).containsExactlyInAnyOrder("Accept", "Host");
    }
}
