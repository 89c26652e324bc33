package dev.citadel.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.observe.EdgeMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real server-side TLS in an EmbeddedChannel: a failed handshake is one counted line and goes no further. */
class HandshakeFailureHandlerTest {
    private static EmbeddedTls pki;
    private final EdgeMetrics metrics = new EdgeMetrics();
    private final List<String> lines = new ArrayList<>();
    private final HandshakeFailureLog log = new HandshakeFailureLog(metrics, 10, System::nanoTime, lines::add);
    /** Stands for ALPN negotiation and the HTTP handlers: it must see neither the failure nor its exception. */
    private final List<Object> seenBehind = new ArrayList<>();

    @BeforeAll
    static void pki() {
        pki = new EmbeddedTls();
    }

    private EmbeddedChannel server(String listener, io.netty.handler.ssl.SslContext ctx) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("tls", ctx.newHandler(ch.alloc()))
                .addLast(HandshakeFailureHandler.NAME, new HandshakeFailureHandler(listener, log))
                .addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext c, Object evt) {
                        seenBehind.add(evt);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                        seenBehind.add(cause);
                    }
                });
        return ch;
    }

    @Test
    void plainHttpOnThePublicTlsPortIsOneLineAndAClose() throws Exception {
        EmbeddedChannel ch = server("public", TlsContexts.publicServer(pki.tls));
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        assertThat(lines).singleElement().asString().startsWith("tls handshake failed: listener=public peer=")
                .endsWith("reason=not a TLS record (plain text or garbage on a TLS port)");
        assertThat(ch.isOpen()).isFalse();
        assertThat(seenBehind).noneMatch(o -> o instanceof Throwable
                || o instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent);
        assertThat(metrics.scrape()).contains("edge_tls_handshake_failures_total{listener=\"public\"} 1.0");
        ch.finishAndReleaseAll();
    }

    @Test
    void aManagementClientWithoutACertificateIsOneLineOnTheManagementListener() throws Exception {
        EmbeddedChannel server = server("management", TlsContexts.managementServer(pki.tls));
        EmbeddedChannel client = new EmbeddedChannel();
        client.pipeline().addLast(pki.clientHandler(client, null));
        client.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                c.close(); // the client's side of the failure is not under test
            }
        });
        EmbeddedTls.shuttle(client, server);
        assertThat(lines).singleElement().asString().contains("listener=management").doesNotContain("\tat ");
        assertThat(server.isOpen()).isFalse();
        assertThat(seenBehind).noneMatch(o -> o instanceof Throwable);
        assertThat(metrics.scrape()).contains("edge_tls_handshake_failures_total{listener=\"management\"} 1.0");
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}
