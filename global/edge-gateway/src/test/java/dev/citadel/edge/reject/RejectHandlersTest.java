package dev.citadel.edge.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.edge.observe.EdgeMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hygiene handlers in the order the edge uses them, fed raw bytes through the real HTTP codec. */
class RejectHandlersTest {
    private final EdgeMetrics metrics = new EdgeMetrics();
    private final Rejects rejects = new Rejects(metrics);

    private EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(256)
                .setMaxHeaderSize(1024)), new BoundedAggregator(rejects, 1024), new DecoderResultHandler(rejects),
                new HeaderCountHandler(rejects, 10));
    }

    private String respond(String raw) {
        EmbeddedChannel ch = pipeline();
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            out.append(((ByteBuf) o).toString(StandardCharsets.ISO_8859_1));
            ((ByteBuf) o).release();
        }
        assertThat((Object) ch.readInbound()).as("nothing reaches the proxy").isNull();
        assertThat(ch.isOpen()).as("connection closed").isFalse();
        ch.finishAndReleaseAll();
        return out.toString();
    }

    @Test
    void answersEachMalformationWithItsStatusAsProblemJson() {
        assertThat(respond("NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400").contains("application/problem+json");
        assertThat(respond("GET /" + "a".repeat(300) + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 414");
        assertThat(respond("GET / HTTP/1.1\r\nX: " + "v".repeat(2000) + "\r\n\r\n")).startsWith("HTTP/1.1 431");
        assertThat(respond("POST / HTTP/1.1\r\nContent-Length: 2000\r\n\r\n")).startsWith("HTTP/1.1 413");
        assertThat(respond("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nQQ\r\n")).startsWith("HTTP/1.1 400");
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 11; i++) {
            many.append("H").append(i).append(": v\r\n");
        }
        assertThat(respond(many + "\r\n")).startsWith("HTTP/1.1 431").contains("too-many-headers");
        assertThat(metrics.scrape()).contains("reason=\"malformed-request\"", "reason=\"too-many-headers\"");
    }

    @Test
    void passesAWellFormedRequestThrough() {
        EmbeddedChannel ch = pipeline();
        ch.writeInbound(Unpooled.copiedBuffer("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi",
                StandardCharsets.US_ASCII));
        FullHttpRequest req = ch.readInbound();
        assertThat(req.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hi");
        req.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void closesAClientThatTricklesItsRequestPastTheDeadline() {
        SlowClientHandler slow = new SlowClientHandler(rejects, 50);
        EmbeddedChannel ch = new EmbeddedChannel(slow, new HttpServerCodec(), new BoundedAggregator(rejects, 1024),
                slow.new Exchange());
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: h\r\n", StandardCharsets.US_ASCII));
        // EmbeddedChannel runs its scheduled tasks only when asked, once their (real) time has come.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            ch.runScheduledPendingTasks();
            return !ch.isOpen();
        });
        assertThat((Object) ch.readOutbound()).as("no answer owed").isNull();
    }
}
