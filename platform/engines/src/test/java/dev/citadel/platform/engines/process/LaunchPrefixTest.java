package dev.citadel.platform.engines.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchPrefixTest {

    @Test
    void aNamespacePrefixEntersTheZoneAndExecsTheCommandUnchanged() {
        List<String> argv = LaunchPrefix.netns("citadel-region1-app").apply(List.of("java", "-jar", "x.jar"));

        assertThat(argv.get(0)).endsWith("ip");
        assertThat(argv.subList(1, argv.size())).containsExactly("netns", "exec", "citadel-region1-app", "java", "-jar",
                "x.jar");
    }

    @Test
    void noNamespaceMeansNoPrefix() {
        assertThat(LaunchPrefix.netns(null).apply(List.of("java"))).containsExactly("java");
        assertThat(LaunchPrefix.netns(" ")).isEqualTo(LaunchPrefix.NONE);
    }

    @Test
    void prefixesComposeOutermostFirst() {
        LaunchPrefix inner = new LaunchPrefix(List.of("setpriv", "--"));

        assertThat(LaunchPrefix.netns("z").then(inner).apply(List.of("java")))
                .endsWith("netns", "exec", "z", "setpriv", "--", "java");
    }

    @Test
    void dropsRootThroughSetprivThatExecsJava() {
        List<String> argv = LaunchPrefix.runAs(new ProcessIdentity("citadel-web-ui-region1"))
                .apply(List.of("java", "-Dcitadel.engine=web-ui-region1", "-jar", "w.jar"));

        assertThat(argv).containsExactly("setpriv", "--reuid=citadel-web-ui-region1", "--regid=citadel-web-ui-region1",
                "--clear-groups", "--no-new-privs", "--", "java", "-Dcitadel.engine=web-ui-region1", "-jar", "w.jar");
    }

    @Test
    void composesOutermostFirstAndNoneChangesNothing() {
        LaunchPrefix netns = new LaunchPrefix(List.of("ip", "netns", "exec", "stamp1"));
        LaunchPrefix user = LaunchPrefix.runAs(new ProcessIdentity("citadel-edge"));

        assertThat(netns.then(user).apply(List.of("java"))).startsWith("ip", "netns", "exec", "stamp1", "setpriv")
                .endsWith("--", "java");
        assertThat(LaunchPrefix.NONE.apply(List.of("java", "-version"))).containsExactly("java", "-version");
        assertThat(LaunchPrefix.NONE.then(user)).isEqualTo(user);
        assertThat(LaunchPrefix.runAs(null)).isEqualTo(LaunchPrefix.NONE);
    }

    @Test
    void namesEachComponentsAccountWithinTheUserNameLimit() {
        assertThat(ProcessIdentity.of("cassandra-region1").user()).isEqualTo("citadel-cassandra-region1");
        String longer = ProcessIdentity.of("catalog-api-a-very-long-region-name").user();
        String other = ProcessIdentity.of("catalog-api-a-very-long-region-name2").user();
        assertThat(longer).hasSize(ProcessIdentity.MAX_USER_LENGTH).startsWith("citadel-catalog-api-");
        assertThat(other).hasSize(ProcessIdentity.MAX_USER_LENGTH).isNotEqualTo(longer);
        assertThatThrownBy(() -> new ProcessIdentity("Root; rm")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheEffectiveUidFromProcStatus(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nUid:\t0\t997\t997\t997\nGid:\t0\t0\t0\t0\n");

        assertThat(ProcessIdentity.effectiveUid(status)).contains(997);
        assertThat(ProcessIdentity.effectiveUid(dir.resolve("missing"))).isEmpty();
    }
}
