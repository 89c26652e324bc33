package dev.citadel.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCauseTest {

    @Test
    void namesTheSignalOfAJvmKilledByOne() {
        assertThat(ExitCause.describe(137)).isEqualTo("exit code 137 (SIGKILL)");
        assertThat(ExitCause.describe(143)).isEqualTo("exit code 143 (SIGTERM)");
        assertThat(ExitCause.describe(134)).isEqualTo("exit code 134 (SIGABRT)");
    }

    @Test
    void saysJustTheCodeOfAnOrdinaryExit() {
        assertThat(ExitCause.describe(1)).isEqualTo("exit code 1");
        assertThat(ExitCause.describe(0)).isEqualTo("exit code 0");
    }

    @Test
    void saysSoWhenTheExitStatusIsUnknown() {
        assertThat(ExitCause.describe(Optional.empty())).isEqualTo(ExitCause.UNKNOWN);
    }
}
