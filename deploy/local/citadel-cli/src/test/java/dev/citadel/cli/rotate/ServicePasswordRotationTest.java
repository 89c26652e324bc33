package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.FollowedPassword;
import dev.citadel.platform.pki.SecureFiles;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rotation's order against engines that keep one password per account and services that offer the first password
 * their file lists at every new connection (what FollowedScramCallbackHandler does; the Cassandra provider also falls
 * back): the only moment a fresh login would be refused is inside one engine call, the file never lists a password
 * the rotation has not issued, and an interrupted rotation is completed by running it again.
 */
class ServicePasswordRotationTest {

    @TempDir
    Path run;

    private SecretDirectory tier;
    private final StringWriter output = new StringWriter();
    /** What every file listed first whenever an engine was asked anything, with what the engine then held. */
    private final List<String> refusedFirstChoice = new ArrayList<>();
    private final List<FakeEngine> engines = new ArrayList<>();
    private final List<ServicePasswordRotation.Account> accounts = new ArrayList<>();

    /** One password per account, like Cassandra and SCRAM; checks what the service would offer on each call. */
    private class FakeEngine implements PasswordEngine {
        final String name;
        final Path file;
        Secret password;
        int changes;
        boolean failNextChange;

        FakeEngine(String name, Path file, Secret password) {
            this.name = name;
            this.file = file;
            this.password = password;
        }

        void serviceConnects() {
            Secret offered = new FollowedPassword(null, file).first();
            if (!offered.equals(password)) {
                refusedFirstChoice.add(name);
            }
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public void change(Secret newPassword) {
            serviceConnects();
            if (failNextChange) {
                failNextChange = false;
                throw new IllegalStateException("engine unreachable");
            }
            password = newPassword;
            changes++;
        }

        @Override
        public KeyProbe.Verdict check(Secret candidate) {
            serviceConnects();
            return candidate.equals(password) ? KeyProbe.Verdict.ACCEPTED : KeyProbe.Verdict.REFUSED;
        }
    }

    @BeforeEach
    void accounts() {
        tier = SecretDirectory.open(run.resolve("secrets"));
        for (String name : List.of("cassandra-catalog_api_region1", "kafka-region1-catalog-api")) {
            SecretDirectory service = SecretDirectory.open(run.resolve("stamps/" + name + "/secrets"));
            service.write("password", Secret.of("old-" + name));
            FakeEngine engine = new FakeEngine(name, service.path("password"), Secret.of("old-" + name));
            engines.add(engine);
            accounts.add(new ServicePasswordRotation.Account(name, engine.file, engine));
        }
    }

    private ServicePasswordRotation rotation() {
        return new ServicePasswordRotation(tier, accounts, Duration.ofSeconds(2), new PrintWriter(output));
    }

    @Test
    void everyAccountEndsWithOneNewPasswordInEngineAndFile() throws Exception {
        ServicePasswordRotation.Report report = rotation().run();

        for (FakeEngine engine : engines) {
            List<Secret> listed = Secret.listOf(Files.readString(engine.file));
            assertThat(listed).singleElement().isEqualTo(engine.password);
            assertThat(engine.password).isNotEqualTo(Secret.of("old-" + engine.name));
            assertThat(Files.getPosixFilePermissions(engine.file)).isEqualTo(SecureFiles.OWNER_ONLY_FILE);
        }
        assertThat(refusedFirstChoice).as("a service's next connection was never offered a refused password").isEmpty();
        assertThat(report.steps()).containsOnlyKeys("issue", "overlap-written", "engine-switched", "new-accepted",
                "old-refused", "old-removed");
        try (var left = Files.list(tier.directory())) {
            assertThat(left).as("no pending password left").isEmpty();
        }
        assertThat(output.toString()).doesNotContain("old-cassandra").doesNotContain(engines.get(0).password.reveal());
    }

    @Test
    void anInterruptedRotationIsCompletedWithTheSamePasswordAndNoRefusal() throws Exception {
        engines.get(1).failNextChange = true;
        assertThatThrownBy(() -> rotation().run()).isInstanceOf(IllegalStateException.class);
        Secret firstNew = engines.get(0).password;
        assertThat(Secret.listOf(Files.readString(engines.get(0).file)))
                .as("switched: new first, old kept for a node that still caches it")
                .containsExactly(firstNew, Secret.of("old-" + engines.get(0).name));
        assertThat(Secret.listOf(Files.readString(engines.get(1).file)).get(0))
                .as("not switched: the old one still first").isEqualTo(Secret.of("old-" + engines.get(1).name));

        ServicePasswordRotation.Report report = rotation().run();

        assertThat(report.resumed()).isEqualTo(2);
        assertThat(engines.get(0).password).as("the pending password, not a third one").isEqualTo(firstNew);
        assertThat(Secret.listOf(Files.readString(engines.get(0).file))).containsExactly(firstNew);
        assertThat(Secret.listOf(Files.readString(engines.get(1).file))).containsExactly(engines.get(1).password);
        assertThat(refusedFirstChoice).isEmpty();
    }

    @Test
    void anEngineThatKeepsTheOldPasswordStopsTheRotationBeforeTheOldOneIsDropped() throws Exception {
        FakeEngine stuck = new FakeEngine("stuck", engines.get(0).file, Secret.of("old-" + engines.get(0).name)) {
            @Override
            public void change(Secret newPassword) {
                // acknowledged, not applied
            }
        };
        accounts.set(0, new ServicePasswordRotation.Account(stuck.name, stuck.file, stuck));

        assertThatThrownBy(() -> rotation().run()).isInstanceOf(ApiKeyRotation.Incomplete.class)
                .hasMessageContaining("stuck did not take the new password");
        assertThat(Secret.listOf(Files.readString(stuck.file))).hasSize(2)
                .contains(Secret.of("old-" + engines.get(0).name));
    }
}
