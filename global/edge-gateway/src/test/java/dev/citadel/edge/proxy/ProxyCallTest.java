package dev.citadel.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ProxyCallTest {
    private static FullHttpRequest request(HttpMethod method, String idempotencyKey) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/api/1.0/catalogitem");
        if (idempotencyKey != null) {
            r.headers().set("Idempotency-Key", idempotencyKey);
        }
        return r;
    }

    @Test
    void readsPutsAndDeletesMayBeSentTwice() {
        for (HttpMethod m : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT,
                HttpMethod.DELETE}) {
            assertThat(ProxyCall.idempotent(request(m, null))).as(m.name()).isTrue();
        }
    }

    @Test
    void aPostOnlyWithAnIdempotencyKey() {
        assertThat(ProxyCall.idempotent(request(HttpMethod.POST, null))).isFalse();
        assertThat(ProxyCall.idempotent(request(HttpMethod.POST, "6f1c0a52-3e4b-4b7e-9d55-0d2b1c7e9a10"))).isTrue();
        assertThat(ProxyCall.idempotent(request(HttpMethod.PATCH, "k"))).isFalse();
    }
}
