package dev.citadel.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitHandlerTest {

    private final ManualClock clock = new ManualClock();
    private final RateLimitHandler handler = new RateLimitHandler(
            new RateLimiter(new RateLimitConfig(true, 2, 0.5, 100), clock));

    private static EmbeddedChannel channelFrom(String ip, RateLimitHandler handler) {
        SocketAddress remote = new InetSocketAddress(ip, 40000);
        return new EmbeddedChannel(handler) {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }

    private static FullHttpRequest get() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/1.0/catalogitem");
    }

    @Test
    void passesRequestsWithinTheLimitUnchanged() {
        EmbeddedChannel ch = channelFrom("198.51.100.7", handler);
        FullHttpRequest r = get();
        assertThat(ch.writeInbound(r)).isTrue();
        assertThat((Object) ch.readInbound()).isSameAs(r);
        r.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void answers429ProblemJsonWithRetryAfterAndReleasesTheRequest() {
        EmbeddedChannel ch = channelFrom("198.51.100.7", handler);
        ch.writeInbound(get());
        ch.writeInbound(get());
        ch.releaseInbound();
        FullHttpRequest third = get();

        assertThat(ch.writeInbound(third)).isFalse();

        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.TOO_MANY_REQUESTS);
        assertThat(response.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("2");
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"status\":429")
                .contains(RateLimitHandler.PROBLEM_TYPE);
        assertThat(third.refCnt()).isZero();
        assertThat(handler.limitedCount()).isEqualTo(1);
        response.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aLimitedClientIsServedAgainOnceATokenHasRefilled() {
        EmbeddedChannel ch = channelFrom("198.51.100.7", handler);
        ch.writeInbound(get());
        ch.writeInbound(get());
        ch.writeInbound(get());
        ((FullHttpResponse) ch.readOutbound()).release();
        clock.advance(Duration.ofSeconds(2));
        ch.releaseInbound();
        FullHttpRequest later = get();
        assertThat(ch.writeInbound(later)).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void countsEveryConnectionOfOneAddressAgainstTheSameBucket() {
        EmbeddedChannel first = channelFrom("203.0.113.9", handler);
        EmbeddedChannel second = channelFrom("203.0.113.9", handler);
        EmbeddedChannel other = channelFrom("203.0.113.10", handler);
        first.writeInbound(get());
        first.writeInbound(get());
        assertThat(second.writeInbound(get())).isFalse();
        assertThat(other.writeInbound(get())).isTrue();
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
        other.finishAndReleaseAll();
    }

    @Test
    void keysIpv6ClientsByTheirSlash64() {
        assertThat(RateLimitHandler.clientKey(new InetSocketAddress("2001:db8:1:2:aaaa::1", 1)))
                .isEqualTo(RateLimitHandler.clientKey(new InetSocketAddress("2001:db8:1:2:bbbb::9", 1)))
                .isNotEqualTo(RateLimitHandler.clientKey(new InetSocketAddress("2001:db8:1:3::1", 1)));
        assertThat(RateLimitHandler.clientKey(new InetSocketAddress("192.0.2.4", 1))).isEqualTo("192.0.2.4");
    }
}
