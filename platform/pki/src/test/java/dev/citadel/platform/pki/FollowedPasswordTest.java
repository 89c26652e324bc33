package dev.citadel.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedPasswordTest {

    private static final Secret OLD = Secret.of("old-password-1");
    private static final Secret NEW = Secret.of("new-password-2");

    @TempDir
    Path dir;

    @Test
    void everyReadSeesTheFileAsItIsNow() throws Exception {
        Path file = dir.resolve("kafka-password");
        Files.writeString(file, "old-password-1");
        FollowedPassword password = new FollowedPassword(Secret.of("bound"), file);
        assertThat(password.first()).isEqualTo(OLD);

        Files.writeString(file, "new-password-2\n");

        assertThat(password.first()).as("no polling interval: the next authentication uses it").isEqualTo(NEW);
    }

    @Test
    void aMissingOrEmptyFileKeepsThePreviousValue() throws Exception {
        Path file = dir.resolve("cassandra-password");
        FollowedPassword password = new FollowedPassword(Secret.of("bound-value"), file);
        assertThat(password.first()).as("missing from the start: the bound value").isEqualTo(Secret.of("bound-value"));

        Files.writeString(file, "old-password-1");
        assertThat(password.first()).isEqualTo(OLD);
        Files.writeString(file, "  \n");
        assertThat(password.first()).isEqualTo(OLD);
        Files.delete(file);
        assertThat(password.first()).isEqualTo(OLD);
    }

    @Test
    void noPasswordAtAllIsAnErrorThatNamesNoValue() {
        FollowedPassword password = new FollowedPassword(Secret.of(""), dir.resolve("missing"));

        assertThatThrownBy(password::first).isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
    }

    @Test
    void aTargetKeepsThePasswordThatWorkedThereWhileItIsListed() throws Exception {
        Path file = dir.resolve("p");
        Files.writeString(file, "old-password-1");
        FollowedPassword password = new FollowedPassword(null, file);
        password.begin("node1").succeeded();

        Files.writeString(file, "new-password-2 old-password-1");

        assertThat(password.begin("node1").password()).as("still accepted there").isEqualTo(OLD);
        assertThat(password.begin("node2").password()).as("no history: the first listed").isEqualTo(NEW);
    }

    @Test
    void anAttemptThatDidNotSucceedIsFollowedByOneWithTheNextPassword() throws Exception {
        Path file = dir.resolve("p");
        Files.writeString(file, "old-password-1");
        FollowedPassword password = new FollowedPassword(null, file);
        password.begin("node1").succeeded();
        Files.writeString(file, "new-password-2,old-password-1");

        FollowedPassword.Attempt refused = password.begin("node1");
        assertThat(refused.password()).isEqualTo(OLD);
        FollowedPassword.Attempt retry = password.begin("node1");
        assertThat(retry.password()).isEqualTo(NEW);
        retry.succeeded();

        assertThat(password.begin("node1").password()).isEqualTo(NEW);
    }

    @Test
    void aPasswordNoLongerListedIsNeverTriedAgain() throws Exception {
        Path file = dir.resolve("p");
        Files.writeString(file, "old-password-1");
        FollowedPassword password = new FollowedPassword(null, file);
        password.begin("node1").succeeded();

        Files.writeString(file, "new-password-2");

        assertThat(password.begin("node1").password()).isEqualTo(NEW);
        assertThat(password.begin("node1").password()).as("after a failure: still the only one listed").isEqualTo(NEW);
    }

    @Test
    void neverShowsAValue() {
        assertThat(new FollowedPassword(OLD, null)).asString().doesNotContain("old-password");
    }
}
