package dev.citadel.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.EdgeConfigLoader;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.origin.EdgeIdFollower;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.edge.origin.OriginSelector;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release adds its new unit's origins beside the old ones and removes the old ones, through the admin API. */
class AdminOriginsTest {
    static final String CONFIG = "tls: {certificate: /c, privateKey: /k, clientCertificate: /cc,"
            + " clientPrivateKey: /ck, originCa: /oca, operatorCa: /pca}\n"
            + "originGroups:\n  - name: apis\n    origins:\n"
            + "      - {name: apis-r1, host: 127.0.1.31, port: 8443, tlsServerName: catalog-api.r1.citadel, stamp: r1,"
            + " edgeId: id-of-r1, weight: 50, priority: 1, probe: {host: 127.0.1.33, port: 8443, path: /health/stamp,"
            + " tlsServerName: health-service.r1.citadel}}\n"
            + "routes:\n  - {pattern: /*, originGroup: apis}\n";

    private final OriginRegistry registry = new OriginRegistry(EdgeConfigLoader.parse(CONFIG));
    private final AdminHandler admin = new AdminHandler(registry, WafSwitch.NONE, new EdgeMetrics(), List::of);

    private FullHttpResponse call(HttpMethod method, String uri) {
        return admin.handle(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
    }

    @Test
    void aClonedOriginServesTheSameStampAtItsOwnAddressAndProbe() {
        FullHttpResponse res = call(HttpMethod.POST,
                "/origins/apis-r1-b/clone?from=apis-r1&host=127.0.1.131&port=8443&probeHost=127.0.1.133&weight=7");
        assertThat(res.status().code()).isEqualTo(201);
        var added = registry.find("apis-r1-b").orElseThrow();
        assertThat(added.group()).isEqualTo("apis");
        assertThat(added.weight()).isEqualTo(7);
        assertThat(added.origin().host()).isEqualTo("127.0.1.131");
        assertThat(added.origin().tlsServerName()).isEqualTo("catalog-api.r1.citadel");
        assertThat(added.origin().stamp()).isEqualTo("r1");
        assertThat(added.origin().edgeId().value()).isEqualTo("id-of-r1");
        assertThat(added.origin().probe().host()).isEqualTo("127.0.1.133");
        assertThat(added.origin().probe().port()).isEqualTo(8443);
        assertThat(added.origin().probe().path()).isEqualTo("/health/stamp");
        assertThat(registry.group("apis")).extracting(v -> v.origin().name()).containsExactly("apis-r1", "apis-r1-b");
        // Never echoes the edge id.
        assertThat(res.content().toString(StandardCharsets.UTF_8)).doesNotContain("id-of-r1");

        assertThat(call(HttpMethod.POST, "/origins/apis-r1-b/clone?from=apis-r1&host=127.0.1.131&port=8443")
                .status().code()).isEqualTo(409);
        // Without ?weight it takes no traffic until told to.
        call(HttpMethod.POST, "/origins/apis-r1-c/clone?from=apis-r1&host=127.0.1.231&port=8443");
        assertThat(registry.find("apis-r1-c").orElseThrow().weight()).isZero();
    }

    @Test
    void badClonesAre400() {
        assertThat(call(HttpMethod.POST, "/origins/x/clone?from=nope&host=h&port=1").status().code()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/origins/x/clone?from=apis-r1&port=1").status().code()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/origins/x/clone?from=apis-r1&host=h&port=70000").status().code())
                .isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/origins/x/clone?from=apis-r1&host=h&port=1&weight=-1").status().code())
                .isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/origins/a%20b/clone?from=apis-r1&host=h&port=1").status().code())
                .isEqualTo(400);
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void removingTakesAnOriginOutOfSelectionButNeverTheGroupsLast() {
        call(HttpMethod.POST, "/origins/apis-r1-b/clone?from=apis-r1&host=127.0.1.131&port=8443&weight=100");
        registry.health("apis-r1-b").probeResult(true, "ok", 0);
        registry.health("apis-r1-b").probeResult(true, "ok", 1);
        assertThat(call(HttpMethod.DELETE, "/origins/apis-r1").status().code()).isEqualTo(200);
        assertThat(registry.find("apis-r1")).isEmpty();
        OriginSelector selector = new OriginSelector(registry);
        for (int i = 0; i < 20; i++) {
            assertThat(selector.select("apis", Set.of(), RandomGenerator.getDefault()).origin().name())
                    .isEqualTo("apis-r1-b");
        }
        assertThat(call(HttpMethod.DELETE, "/origins/apis-r1-b").status().code()).isEqualTo(409);
        assertThat(call(HttpMethod.DELETE, "/origins/nope").status().code()).isEqualTo(404);
        // A removed name can come back (the next release returns to the first unit's addresses).
        assertThat(call(HttpMethod.POST, "/origins/apis-r1/clone?from=apis-r1-b&host=127.0.1.31&port=8443")
                .status().code()).isEqualTo(201);
    }

    @Test
    void aClonedOriginFollowsTheEdgeIdFileOfItsTemplate(@TempDir Path dir) throws Exception {
        Path idFile = dir.resolve("r1-edge-id");
        Files.writeString(idFile, "first-id\n");
        Files.setPosixFilePermissions(idFile, PosixFilePermissions.fromString("rw-------"));
        OriginRegistry withFile = new OriginRegistry(EdgeConfigLoader.parse(CONFIG.replace("edgeId: id-of-r1",
                "edgeIdFile: " + idFile)));
        AdminHandler handler = new AdminHandler(withFile, WafSwitch.NONE, new EdgeMetrics(), List::of);
        assertThat(handler.handle(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/origins/apis-r1-b/clone?from=apis-r1&host=127.0.1.131&port=8443")).status().code()).isEqualTo(201);

        // citadel rotate edge-id during or after a release: the new unit's origins must send the new id too.
        Files.writeString(idFile, "second-id\n");
        new EdgeIdFollower(withFile).run();

        assertThat(withFile.all()).extracting(v -> v.origin().edgeId().value()).containsExactly("second-id",
                "second-id");
    }
}
