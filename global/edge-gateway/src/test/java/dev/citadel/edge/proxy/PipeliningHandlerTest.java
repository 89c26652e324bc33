package dev.citadel.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class PipeliningHandlerTest {
    private static FullHttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    @Test
    void holdsPipelinedRequestsUntilThePreviousResponseIsWritten() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipeliningHandler());
        ch.writeInbound(get("/1"), get("/2"));
        FullHttpRequest first = ch.readInbound();
        assertThat(first.uri()).isEqualTo("/1");
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        FullHttpRequest second = ch.readInbound();
        assertThat(second.uri()).isEqualTo("/2");
        first.release();
        second.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void closesAClientThatPipelinesWithoutLimitAndReleasesWhatItHeld() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipeliningHandler());
        FullHttpRequest[] held = new FullHttpRequest[PipeliningHandler.MAX_QUEUED + 2];
        for (int i = 0; i < held.length; i++) {
            held[i] = get("/" + i);
            ch.writeInbound(held[i]);
        }
        assertThat(ch.isActive()).isFalse();
        for (int i = 1; i < held.length; i++) {
            assertThat(held[i].refCnt()).as("request %d", i).isZero();
        }
        ((FullHttpRequest) ch.readInbound()).release();
        ch.finishAndReleaseAll();
    }

    @Test
    void stopsReadingOnlyWhileARequestWaitsBehindAnother() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipeliningHandler());
        ch.writeInbound(get("/1"));
        assertThat(ch.config().isAutoRead()).as("one request in flight: keep reading").isTrue();
        ch.writeInbound(get("/2"));
        assertThat(ch.config().isAutoRead()).as("a request waits: stop reading").isFalse();
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(ch.config().isAutoRead()).as("the waiting one is now in flight, none waits").isFalse();
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(ch.config().isAutoRead()).as("queue drained: read again").isTrue();
        ((FullHttpRequest) ch.readInbound()).release();
        ((FullHttpRequest) ch.readInbound()).release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientThatWaitsForEachResponseNeverTogglesReading() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipeliningHandler());
        for (int i = 0; i < 3; i++) {
            ch.writeInbound(get("/" + i));
            assertThat(ch.config().isAutoRead()).isTrue();
            ((FullHttpRequest) ch.readInbound()).release();
            ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
            assertThat(ch.config().isAutoRead()).isTrue();
        }
        ch.finishAndReleaseAll();
    }
}
