package dev.citadel.egress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayHandlerTest {
    private final PolicyPipeline p = new PolicyPipeline();

    @AfterEach
    void close() {
        p.close();
    }

    @Test
    void stopsReadingWhileThePeerIsOverItsHighWatermarkAndResumesWhenItDrains() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel upstream = new EmbeddedChannel();
        upstream.config().setWriteBufferWaterMark(new WriteBufferWaterMark(4, 8));
        client.pipeline().addLast(new RelayHandler(p.rt, upstream, client, false));
        upstream.pipeline().addLast(new RelayHandler(p.rt, client, client, true));
        RelayHandler.start(client, upstream);

        client.pipeline().fireChannelRead(Unpooled.copiedBuffer("0123456789", StandardCharsets.US_ASCII));
        assertThat(client.config().isAutoRead()).as("reading stops while the upstream is backed up").isFalse();

        client.pipeline().fireChannelReadComplete(); // flushes the upstream: it drains below the low watermark
        assertThat(client.config().isAutoRead()).isTrue();
        ByteBuf relayed = upstream.readOutbound();
        assertThat(relayed.toString(StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        relayed.release();
        client.finishAndReleaseAll();
        upstream.finishAndReleaseAll();
    }

    @Test
    void closingOneSideClosesTheOther() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel upstream = new EmbeddedChannel();
        client.pipeline().addLast(new RelayHandler(p.rt, upstream, client, false));
        upstream.pipeline().addLast(new RelayHandler(p.rt, client, client, true));
        upstream.close();
        client.runPendingTasks();
        assertThat(client.isActive()).isFalse();
    }

    @Test
    void theProtocolSwitchHandsBytesBufferedBehindTheConnectHeadToTheRelay() {
        String answer = p.send(PolicyPipeline.connect("images.example.org:443") + "\u0016\u0003\u0001early-client-hello");
        assertThat(answer).as("nothing answered: the bytes after the CONNECT head are not a request").isEmpty();
        assertThat(p.allowed).hasSize(1);
        EmbeddedChannel upstream = new EmbeddedChannel();
        p.channel.pipeline().addLast(RelayHandler.NAME, new RelayHandler(p.rt, upstream, p.channel, false));
        p.channel.pipeline().remove("spy");
        p.channel.pipeline().remove("allowed");
        p.channel.pipeline().addLast(EgressFrontendHandler.NAME, new EgressFrontendHandler(p.rt));
        EgressInitializer.removeHttpHandlers(p.channel.pipeline());
        p.channel.pipeline().fireChannelReadComplete();

        ByteBuf early = upstream.readOutbound();
        assertThat(early.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0016\u0003\u0001early-client-hello");
        early.release();
        assertThat(p.channel.pipeline().names()).contains(DecisionLogHandler.NAME, RelayHandler.NAME)
                .doesNotContain(TunnelAwareRequestDecoder.NAME, EgressInitializer.HTTP_ENCODER, ProxyAuthHandler.NAME);
        upstream.finishAndReleaseAll();
    }
}
