package dev.citadel.health.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationStateTest {

    @TempDir
    Path dir;

    @Test
    void startsInRotationWhenNoStateWasEverSaved() {
        assertThat(new RotationState(dir.resolve("state"), Clock.systemUTC()).current()).isEqualTo(Rotation.IN);
    }

    @Test
    void keepsTheOperatorsChoiceAcrossARestart() {
        Path file = dir.resolve("sub/state");
        new RotationState(file, Clock.systemUTC()).set(Rotation.OUT);
        assertThat(new RotationState(file, Clock.systemUTC()).current()).isEqualTo(Rotation.OUT);
        new RotationState(file, Clock.systemUTC()).set(Rotation.IN);
        assertThat(new RotationState(file, Clock.systemUTC()).current()).isEqualTo(Rotation.IN);
    }

    @Test
    void staysOutOfRotationWhenTheStateFileIsGarbled() throws Exception {
        Path file = dir.resolve("state");
        Files.writeString(file, "maybe\n");
        assertThat(new RotationState(file, Clock.systemUTC()).current()).isEqualTo(Rotation.OUT);
    }

    @Test
    void answersBadRequestForAStateOtherThanInOrOut() {
        RotationEndpoint endpoint = new RotationEndpoint(new RotationState(dir.resolve("state"), Clock.systemUTC()));
        assertThat(endpoint.change("sideways").getStatus()).isEqualTo(400);
        assertThat(endpoint.change("OUT").getStatus()).isEqualTo(200);
        assertThat(endpoint.rotation()).containsEntry("state", "out");
    }
}
