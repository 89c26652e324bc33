package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rotation's order against stamps whose catalog-api takes exactly the keys in its file (what catalog-api's
 * ApiKeys does, less the one-second check): the operator's copy changes only once every stamp takes the new key, the
 * old key goes only after that, and an interrupted rotation is completed by running it again.
 */
class ApiKeyRotationTest {

    @TempDir
    Path run;

    private SecretDirectory tier;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final StringWriter output = new StringWriter();
    /** Every moment the operator's copy was not taken by some stamp: must stay empty. */
    private final List<String> operatorLockedOut = new ArrayList<>();

    @BeforeEach
    void stamps() {
        tier = SecretDirectory.open(run.resolve("secrets"));
        tier.write(ApiKeyRotation.CURRENT, Secret.of("old-key"));
        for (String region : List.of("region1", "region2")) {
            Path file = SecretDirectory.open(run.resolve("stamps/" + region + "/catalog-api/secrets")).path("api-keys");
            ApiKeyFiles.write(file, List.of(Secret.of("old-key")));
            files.put(region, file);
        }
    }

    /** A stamp that follows its file at once, and a check, at every probe, that the operator's copy still works. */
    private final KeyProbe followingStamps = (region, key) -> {
        Secret operator = tier.read(ApiKeyRotation.CURRENT).orElseThrow();
        files.forEach((r, f) -> {
            if (!ApiKeyFiles.read(f).contains(operator)) {
                operatorLockedOut.add(r);
            }
        });
        return ApiKeyFiles.read(files.get(region)).contains(key) ? KeyProbe.Verdict.ACCEPTED : KeyProbe.Verdict.REFUSED;
    };

    private ApiKeyRotation rotation(KeyProbe probe, Duration followTimeout) {
        return new ApiKeyRotation(tier, files, probe, Duration.ZERO, followTimeout, new PrintWriter(output));
    }

    @Test
    void replacesTheKeyEverywhereAndNeverLocksTheOperatorCopyOut() throws Exception {
        var report = rotation(followingStamps, Duration.ofSeconds(5)).run();

        Secret next = tier.read(ApiKeyRotation.CURRENT).orElseThrow();
        assertThat(next.reveal()).isNotEqualTo("old-key").hasSizeGreaterThanOrEqualTo(20);
        files.values().forEach(f -> assertThat(ApiKeyFiles.read(f)).containsExactly(next));
        assertThat(tier.contains(ApiKeyRotation.NEXT)).isFalse();
        assertThat(operatorLockedOut).isEmpty();
        assertThat(report.resumed()).isFalse();
        assertThat(report.steps()).containsKeys("issue", "overlap-written", "new-accepted", "operator-copy", "overlap",
                "old-removed", "old-refused");
        assertThat(output.toString()).contains("rotation complete").doesNotContain(next.reveal()).doesNotContain("old-key");
    }

    @Test
    void stampFilesStayOwnerOnly() throws Exception {
        rotation(followingStamps, Duration.ofSeconds(5)).run();
        for (Path f : files.values()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
            assertThat(Files.getOwner(f)).isEqualTo(Files.getOwner(f.getParent()));
        }
    }

    @Test
    void aStampThatDoesNotFollowStopsTheRotationBeforeTheOperatorCopyChanges() {
        KeyProbe region2Stuck = (region, key) -> region.equals("region2") && !key.reveal().equals("old-key")
                ? KeyProbe.Verdict.UNKNOWN : followingStamps.check(region, key);

        assertThatThrownBy(() -> rotation(region2Stuck, Duration.ofMillis(600)).run())
                .isInstanceOf(ApiKeyRotation.Incomplete.class)
                .hasMessageContaining("catalog-api-region2").hasMessageContaining("run `citadel rotate api-key` again");

        assertThat(tier.read(ApiKeyRotation.CURRENT).orElseThrow().reveal()).isEqualTo("old-key");
        Secret pending = tier.read(ApiKeyRotation.NEXT).orElseThrow();
        files.values().forEach(f -> assertThat(ApiKeyFiles.read(f)).containsExactly(Secret.of("old-key"), pending));
    }

    @Test
    void runningAgainCompletesAnInterruptedRotationWithItsKey() throws Exception {
        // Interrupted after the operator's copy changed, before the old key was removed.
        tier.write(ApiKeyRotation.NEXT, Secret.of("pending-key"));
        tier.write(ApiKeyRotation.CURRENT, Secret.of("pending-key"));
        files.values().forEach(f -> ApiKeyFiles.write(f, List.of(Secret.of("old-key"), Secret.of("pending-key"))));

        var report = rotation(followingStamps, Duration.ofSeconds(5)).run();

        assertThat(report.resumed()).isTrue();
        assertThat(report.oldKeys()).isEqualTo(1);
        assertThat(tier.read(ApiKeyRotation.CURRENT).orElseThrow().reveal()).isEqualTo("pending-key");
        files.values().forEach(f -> assertThat(ApiKeyFiles.read(f)).containsExactly(Secret.of("pending-key")));
        assertThat(tier.contains(ApiKeyRotation.NEXT)).isFalse();
        assertThat(operatorLockedOut).isEmpty();
    }
}
