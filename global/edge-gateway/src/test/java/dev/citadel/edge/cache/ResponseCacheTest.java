package dev.citadel.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static FullHttpResponse response(String cacheControl, int bytes) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(new byte[bytes]));
        if (cacheControl != null) {
            r.headers().set("Cache-Control", cacheControl);
        }
        return r;
    }

    private static HttpRequest get() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/images/1");
    }

    @Test
    void storesOnlyPublicOrMaxAgeResponsesToPlainGets() {
        assertThat(CachePolicy.freshSeconds(get(), response("public, max-age=60", 1))).isEqualTo(60);
        assertThat(CachePolicy.freshSeconds(get(), response("max-age=60, s-maxage=10", 1))).isEqualTo(10);
        assertThat(CachePolicy.freshSeconds(get(), response("private, max-age=60", 1))).isZero();
        assertThat(CachePolicy.freshSeconds(get(), response("no-store", 1))).isZero();
        assertThat(CachePolicy.freshSeconds(get(), response(null, 1))).isZero();
        FullHttpResponse cookie = response("public, max-age=60", 1);
        cookie.headers().set("Set-Cookie", "s=1");
        assertThat(CachePolicy.freshSeconds(get(), cookie)).isZero();
        HttpRequest post = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/images/1");
        assertThat(CachePolicy.freshSeconds(post, response("public, max-age=60", 1))).isZero();
        HttpRequest auth = get();
        auth.headers().set("Authorization", "Bearer x");
        assertThat(CachePolicy.freshSeconds(auth, response("public, max-age=60", 1))).isZero();
    }

    @Test
    void expiresEntriesAndReportsTheirAge() {
        ResponseCache cache = new ResponseCache(1000, 1000, now::get);
        cache.put("k", response("max-age=10", 5), 10);
        now.addAndGet(3_000_000_000L);
        FullHttpResponse hit = cache.get("k");
        assertThat(hit.headers().get("Age")).isEqualTo("3");
        hit.release();
        now.addAndGet(8_000_000_000L);
        assertThat(cache.get("k")).isNull();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void staysWithinItsByteBudgetByEvictingTheLeastRecentlyUsed() {
        ResponseCache cache = new ResponseCache(250, 200, now::get);
        cache.put("a", response(null, 100), 60);
        cache.put("b", response(null, 100), 60);
        cache.get("a").release();
        cache.put("c", response(null, 100), 60);
        assertThat(cache.bytes()).isLessThanOrEqualTo(250);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isNotNull();
        cache.put("big", response(null, 201), 60);
        assertThat(cache.get("big")).isNull();
    }
}
