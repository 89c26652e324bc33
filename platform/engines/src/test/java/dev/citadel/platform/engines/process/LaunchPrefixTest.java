package dev.citadel.platform.engines.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
