package dev.citadel.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.config.EdgeProperties;
import dev.citadel.edge.origin.OriginRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatusProjectionHandlerTest {
    private static final String YAML = "edgeId: e1\ntls: {certificate: /c, privateKey: /k, clientCertificate: /cc,"
            + " clientPrivateKey: /ck, originCa: /oca, operatorCa: /pca}\n"
            + "originGroups:\n  - name: apis\n    origins:\n"
            + "      - {name: apis-region1, host: 10.1.0.12, port: 8443, tlsServerName: catalog.region1.citadel,"
            + " stamp: region1, probe: {host: 10.1.0.20, port: 9443, tlsServerName: health.region1.citadel}}\n"
            + "routes:\n  - {pattern: /*, originGroup: apis}\n";

    @Test
    void thePublicViewShowsHealthAndScoresButNoAddressPortOrHostName() {
        EdgeProperties props = EdgeConfigLoader.parse(YAML);
        OriginRegistry registry = new OriginRegistry(props);
        registry.health("apis-region1").probeResult(false, "HTTP 503", 1_000L);
        EmbeddedChannel ch = new EmbeddedChannel(new StatusProjectionHandler(registry, "/edge/status"));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/edge/status"));
        FullHttpResponse res = ch.readOutbound();
        String body = res.content().toString(StandardCharsets.UTF_8);
        res.release();
        assertThat(body).contains("\"name\":\"apis-region1\"", "\"stamp\":\"region1\"", "\"healthy\"",
                "\"weight\":50", "\"reason\":\"probe: HTTP 503\"");
        assertThat(body).doesNotContain("10.1.0.", "8443", "9443", "citadel", "\"host\"", "tlsServerName", "probe\":\"");
    }
}
