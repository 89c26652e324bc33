package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rotation's order against stamps that accept exactly the ids in their files and an edge that sends exactly the
 * id in its file: at no probe does the edge send an id some stamp service refuses, the old id goes only after the
 * edge sends the new one, and an interrupted rotation is completed by running it again.
 */
class EdgeIdRotationTest {

    @TempDir
    Path run;

    private SecretDirectory tier;
    private final Map<String, EdgeIdRotation.Stamp> stamps = new LinkedHashMap<>();
    private final StringWriter output = new StringWriter();
    /** Every moment the edge sent an id a service of that stamp did not accept: must stay empty. */
    private final List<String> edgeLockedOut = new ArrayList<>();
    private volatile boolean edgeFollows = true;

    @BeforeEach
    void stamps() {
        tier = SecretDirectory.open(run.resolve("secrets"));
        for (String region : List.of("region1", "region2")) {
            Secret old = Secret.of("old-" + region);
            tier.write(EdgeIdRotation.PREFIX + region, old);
            List<Path> files = new ArrayList<>();
            for (String service : List.of("catalog-api", "health-service", "web-ui")) {
                Path f = SecretDirectory.open(run.resolve("stamps/" + region + "/" + service + "/secrets")).path("edge-id");
                ApiKeyFiles.write(f, List.of(old));
                files.add(f);
            }
            Path edgeFile = SecretDirectory.open(run.resolve("edge/secrets")).path(region + "-edge-id");
            ApiKeyFiles.write(edgeFile, List.of(old));
            stamps.put(region, new EdgeIdRotation.Stamp(files, edgeFile));
        }
    }

    private void checkEdgeNotLockedOut() {
        stamps.forEach((region, s) -> {
            Secret sent = ApiKeyFiles.read(s.edgeFile()).get(0);
            s.serviceFiles().forEach(f -> {
                if (!ApiKeyFiles.read(f).contains(sent)) {
                    edgeLockedOut.add(region + " " + f);
                }
            });
        });
    }

    private final EdgeIdRotation.Probe followingStamps = (region, id) -> {
        checkEdgeNotLockedOut();
        return stamps.get(region).serviceFiles().stream().allMatch(f -> ApiKeyFiles.read(f).contains(id))
                ? KeyProbe.Verdict.ACCEPTED : KeyProbe.Verdict.REFUSED;
    };

    private final EdgeIdRotation.EdgeView edge = region -> {
        checkEdgeNotLockedOut();
        return edgeFollows ? Set.of(EdgeIdRotation.fingerprint(ApiKeyFiles.read(stamps.get(region).edgeFile()).get(0)))
                : Set.of(EdgeIdRotation.fingerprint(Secret.of("old-" + region)));
    };

    private EdgeIdRotation rotation(Duration followTimeout) {
        return new EdgeIdRotation(tier, stamps, followingStamps, edge, Duration.ZERO, followTimeout,
                new PrintWriter(output));
    }

    @Test
    void replacesEachStampsIdEverywhereAndNeverLocksTheEdgeOut() throws Exception {
        var steps = rotation(Duration.ofSeconds(5)).run();

        for (String region : stamps.keySet()) {
            Secret next = tier.read(EdgeIdRotation.PREFIX + region).orElseThrow();
            assertThat(next.reveal()).isNotEqualTo("old-" + region).hasSizeGreaterThanOrEqualTo(20);
            stamps.get(region).serviceFiles().forEach(f -> assertThat(ApiKeyFiles.read(f)).containsExactly(next));
            assertThat(ApiKeyFiles.read(stamps.get(region).edgeFile())).containsExactly(next);
            assertThat(tier.contains(EdgeIdRotation.PREFIX + region + EdgeIdRotation.NEXT_SUFFIX)).isFalse();
            assertThat(output.toString()).doesNotContain(next.reveal()).doesNotContain("old-" + region);
        }
        assertThat(tier.read("edge-id-region1")).isNotEqualTo(tier.read("edge-id-region2"));
        assertThat(edgeLockedOut).isEmpty();
        assertThat(steps).containsKeys("issue", "overlap-written", "new-accepted", "edge-switched", "overlap",
                "old-removed", "old-refused");
        assertThat(output.toString()).contains("rotation complete");
    }

    @Test
    void anEdgeThatDoesNotSwitchStopsTheRotationBeforeTheOldIdIsRevokedAndARerunCompletesIt() throws Exception {
        edgeFollows = false;
        assertThatThrownBy(() -> rotation(Duration.ofMillis(500)).run())
                .isInstanceOf(ApiKeyRotation.Incomplete.class).hasMessageContaining("the edge did not send the new edge id");
        Secret pending = tier.read("edge-id-region1.next").orElseThrow();
        stamps.get("region1").serviceFiles().forEach(f -> assertThat(ApiKeyFiles.read(f))
                .as("the old id is still accepted").containsExactly(Secret.of("old-region1"), pending));
        assertThat(tier.read("edge-id-region1")).contains(Secret.of("old-region1"));

        edgeFollows = true;
        rotation(Duration.ofSeconds(5)).run();
        assertThat(tier.read("edge-id-region1")).contains(pending);
        assertThat(ApiKeyFiles.read(stamps.get("region1").edgeFile())).containsExactly(pending);
    }

    @Test
    void theFingerprintIsTheEdgesTwelveHexDigits() {
        assertThat(EdgeIdRotation.fingerprint(Secret.of("abc"))).isEqualTo("ba7816bf8f01");
    }
}
