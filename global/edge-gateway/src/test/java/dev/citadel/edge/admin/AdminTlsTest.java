package dev.citadel.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.tls.ReloadingSslContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /tls} tells the operator which certificate each followed context presents now: what a rotation waits
 * for before it retires the CA that issued the previous one.
 */
class AdminTlsTest {

    @TempDir
    Path dir;

    @Test
    void showsTheCertificateAContextPresentsNowAndFollowsItsReplacement() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test edge CA");
        Path tlsDir = dir.resolve("tls");
        Path cert = tlsDir.resolve("edge-client.crt");
        Path key = tlsDir.resolve("edge-client.key");
        IssuedCertificate first = ca.issue("edge-client", CertificateProfile.CLIENT, List.of(), List.of());
        first.writeBundle(tlsDir);
        try (ReloadingSslContext originClient = ReloadingSslContext.watch("origin-client",
                () -> SslContextBuilder.forClient().keyManager(cert.toFile(), key.toFile()).build(),
                List.of(new ReloadingSslContext.KeyPairFiles(cert, key)), List.of(), Duration.ofMillis(50),
                Duration.ofMillis(200))) {
            AdminHandler admin = new AdminHandler(new OriginRegistry(EdgeConfigLoader.parse(AdminOriginsTest.CONFIG)),
                    WafSwitch.NONE, new EdgeMetrics(), () -> List.of(originClient));

            JsonNode before = tls(admin);
            assertThat(before).hasSize(1);
            assertThat(before.get(0).path("name").asString()).isEqualTo("origin-client");
            assertThat(before.get(0).path("reloads").asLong()).isZero();
            JsonNode presented = before.get(0).path("presenting").get(0);
            assertThat(presented.path("serial").asString()).isEqualTo(first.certificate().getSerialNumber().toString(16));
            assertThat(presented.path("subject").asString()).contains("CN=edge-client");
            assertThat(presented.path("notAfter").asString())
                    .isEqualTo(first.certificate().getNotAfter().toInstant().toString());

            IssuedCertificate next = ca.issue("edge-client", CertificateProfile.CLIENT, List.of(), List.of());
            next.writeBundle(tlsDir);
            String nextSerial = next.certificate().getSerialNumber().toString(16);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    tls(admin).get(0).path("presenting").get(0).path("serial").asString().equals(nextSerial));
            assertThat(tls(admin).get(0).path("reloads").asLong()).isEqualTo(1);
        }
    }

    private static JsonNode tls(AdminHandler admin) {
        var res = admin.handle(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/tls"));
        assertThat(res.status().code()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(res.content().toString(StandardCharsets.UTF_8));
    }
}
