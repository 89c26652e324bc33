package dev.citadel.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.config.EdgeProperties.SecurityHeaders;
import dev.citadel.edge.headers.SecurityHeadersHandler;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.edge.tls.EmbeddedTls;
import dev.citadel.edge.tls.HandshakeFailureHandler;
import dev.citadel.edge.tls.HandshakeFailureLog;
import dev.citadel.edge.tls.TlsContexts;
import dev.citadel.platform.pki.IssuedCertificate;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The management pipeline over real TLS (EmbeddedChannels): the CA admits the handshake, the CN the request. */
class OperatorIdentityHandlerTest {
    static final String MINIMAL = "edgeId: e1\ntls: {certificate: /c, privateKey: /k, clientCertificate: /cc,"
            + " clientPrivateKey: /ck, originCa: /oca, operatorCa: /pca}\n"
            + "originGroups:\n  - name: apis\n    origins:\n      - {name: a, host: 10.0.0.1}\n"
            + "routes:\n  - {pattern: /*, originGroup: apis}\n";
    private static EmbeddedTls pki;

    @BeforeAll
    static void pki() {
        pki = new EmbeddedTls();
    }

    /** One GET over a fresh management connection presenting {@code client}'s certificate. */
    static FullHttpResponse get(EmbeddedTls pki, IssuedCertificate client, String path) throws Exception {
        io.netty.handler.ssl.SslContext tls = TlsContexts.managementServer(pki.tls);
        AdminInitializer init = new AdminInitializer(() -> tls,
                new HandshakeFailureHandler("management", HandshakeFailureLog.toLogger(new EdgeMetrics())),
                new SecurityHeadersHandler(new SecurityHeaders(31_536_000)),
                new OperatorIdentityHandler(List.of("operator")),
                new AdminHandler(new OriginRegistry(EdgeConfigLoader.parse(MINIMAL)), WafSwitch.NONE,
                        new EdgeMetrics(), List::of));
        EmbeddedChannel server = new EmbeddedChannel(init);
        EmbeddedChannel clientCh = new EmbeddedChannel();
        clientCh.pipeline().addLast(pki.clientHandler(clientCh, client), new HttpClientCodec(),
                new HttpObjectAggregator(1 << 20));
        EmbeddedTls.shuttle(clientCh, server);
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        req.headers().set("Host", "localhost");
        clientCh.writeAndFlush(req);
        EmbeddedTls.shuttle(clientCh, server);
        FullHttpResponse res = clientCh.readInbound();
        server.finishAndReleaseAll();
        clientCh.finishAndReleaseAll();
        return res;
    }

    @Test
    void admitsTheOperatorsCertificate() throws Exception {
        FullHttpResponse res = get(pki, pki.operatorCaClient("operator"), "/waf/mode");
        assertThat(res.status().code()).isEqualTo(200);
        assertThat(res.content().toString(StandardCharsets.UTF_8)).contains("\"mode\"");
        assertThat(res.headers().get("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(res.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        res.release();
    }

    @Test
    void refusesTheScrapersCertificateOfTheSameCaWithA403Problem() throws Exception {
        FullHttpResponse res = get(pki, pki.operatorCaClient("scraper.region1"), "/origins");
        assertThat(res.status().code()).isEqualTo(403);
        assertThat(res.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(res.content().toString(StandardCharsets.UTF_8))
                .contains("\"status\":403").doesNotContain("\"name\"");
        assertThat(res.headers().get("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(res.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        res.release();
    }

    @Test
    void readsTheSubjectCommonNameOfAnIssuedCertificate() {
        assertThat(OperatorIdentityHandler.commonName(pki.operatorCaClient("scraper.region1").certificate()))
                .contains("scraper.region1");
    }
}
