package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingUnitTest {

    @TempDir
    Path runDir;

    @Test
    void withoutAReleaseStateUnitAServesAlone() {
        ServingUnit serving = ServingUnit.of(runDir);

        assertThat(serving.unit()).isEqualTo(ReleaseUnit.A);
        assertThat(serving.releaseInProgress()).isFalse();
        assertThat(serving.units()).containsExactly(ReleaseUnit.A);
        assertThat(serving.component("catalog-api-region1")).isEqualTo("catalog-api-region1");
        assertThat(serving.place(ReleaseUnitTest.TOPOLOGY)).isEqualTo(ReleaseUnitTest.TOPOLOGY);
    }

    @Test
    void afterAReleaseToUnitBEveryCommandFindsUnitBsNamesAndAddresses() {
        new ReleaseState("b", "v2", null, null, 0, "idle", -1).write(runDir);

        ServingUnit serving = ServingUnit.of(runDir);

        assertThat(serving.unit()).isEqualTo(ReleaseUnit.B);
        assertThat(serving.units()).containsExactly(ReleaseUnit.B);
        assertThat(serving.versionOf(ReleaseUnit.B)).isEqualTo("v2");
        assertThat(serving.component("catalog-api-region1")).isEqualTo("catalog-api-region1-b");
        assertThat(serving.place(ReleaseUnitTest.TOPOLOGY).stamp("region2").healthService().address())
                .isEqualTo("127.0.2.133");
        assertThat(serving.candidate()).isEmpty();
    }

    @Test
    void duringAReleaseTheOldUnitStillServesAndTheNewOneExistsBesideIt() {
        ServingUnit serving = ServingUnit.of(Optional.of(new ReleaseState("b", "v2", "a", "v3", 50, "at 50 %", 42)));

        assertThat(serving.releaseInProgress()).isTrue();
        assertThat(serving.unit()).isEqualTo(ReleaseUnit.B);
        assertThat(serving.candidate()).contains(ReleaseUnit.A);
        assertThat(serving.units()).containsExactly(ReleaseUnit.B, ReleaseUnit.A);
        assertThat(List.of(serving.versionOf(ReleaseUnit.B), serving.versionOf(ReleaseUnit.A)))
                .containsExactly("v2", "v3");
    }
}
