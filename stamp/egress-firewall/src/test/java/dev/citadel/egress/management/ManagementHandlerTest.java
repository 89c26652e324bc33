package dev.citadel.egress.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.egress.observe.EgressMetrics;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManagementHandlerTest {

    @Test
    void readsTheSubjectCommonName() {
        assertThat(ManagementHandler.commonName("CN=scraper.region1")).contains("scraper.region1");
        assertThat(ManagementHandler.commonName("CN=operator,O=Citadel")).contains("operator");
        assertThat(ManagementHandler.commonName("O=Citadel")).isEmpty();
    }

    @Test
    void refusesAConnectionWithoutAVerifiedClientCertificate() {
        EmbeddedChannel ch = new EmbeddedChannel(new ManagementHandler(new EgressMetrics(), Set.of("operator"),
                () -> true));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/metrics"));
        FullHttpResponse response = ch.readOutbound();
        assertThat(response.status().code()).isEqualTo(403);
        response.release();
        ch.finishAndReleaseAll();
    }
}
