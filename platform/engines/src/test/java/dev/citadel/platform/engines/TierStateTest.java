package dev.citadel.platform.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TierStateTest {

    private final DataTierSpec spec = new DataTierSpec("citadel",
            List.of(CassandraNodeSpec.of("cassandra-dc1", "dc1", "127.1.0.1", List.of("127.1.0.1"), 7199, Path.of("/r/c1")),
                    CassandraNodeSpec.of("cassandra-dc2", "dc2", "127.1.0.2", List.of("127.1.0.1"), 7200, Path.of("/r/c2"))
                            .withHeapMb(512)),
            List.of(new KafkaBrokerSpec("kafka-a", "127.1.0.3", 9093, 9094, 1, 384, Path.of("/r/k"))),
            Path.of("/r"));

    @Test
    void roundTripsTheSpecPidsAndSecuredFlag() {
        String text = TierState.render(spec, Map.of("cassandra-dc1", 101L, "kafka-a", 103L), true);

        Properties parsed = TierState.parse(text);

        assertThat(TierState.spec(parsed, Path.of("/r"))).isEqualTo(spec);
        assertThat(TierState.pids(parsed)).containsExactlyInAnyOrderEntriesOf(Map.of("cassandra-dc1", 101L, "kafka-a", 103L));
        assertThat(TierState.cassandraSecured(parsed)).isTrue();
    }

    @Test
    void remembersThatTheEnginesRunAsTheirOwnAccounts() {
        DataTierSpec separated = new DataTierSpec(spec.clusterName(), spec.cassandraNodes(), spec.kafkaBrokers(),
                spec.runDir(), Map.of(), true);

        DataTierSpec read = TierState.spec(TierState.parse(TierState.render(separated, Map.of(), true)), Path.of("/r"));

        assertThat(read.separateUsers()).isTrue();
        assertThat(read.identity("kafka-a")).map(i -> i.user()).contains("citadel-kafka-a");
        assertThat(spec.identity("kafka-a")).isEmpty();
        assertThat(TierState.spec(new Properties() {{ putAll(TierState.parse(TierState.render(spec, Map.of(), true))); }},
                Path.of("/r")).separateUsers()).isFalse();
    }

    @Test
    void anUnsecuredTierStaysUnsecuredUntilSaidOtherwise() {
        assertThat(TierState.cassandraSecured(TierState.parse(TierState.render(spec, Map.of(), false)))).isFalse();
        assertThat(TierState.cassandraSecured(new Properties())).isFalse();
    }

    @Test
    void anEnginesNamespaceSurvivesTheStateFileSoARestartLandsInTheSameZoneWithJmxOnItsAddress() {
        DataTierSpec isolated = new DataTierSpec("citadel", spec.cassandraNodes(), spec.kafkaBrokers(), Path.of("/r"),
                Map.of("cassandra-dc1", "citadel-region1-data", "kafka-a", "citadel-region1-data"), true);

        DataTierSpec back = TierState.spec(TierState.parse(TierState.render(isolated, Map.of(), true)), Path.of("/r"));

        assertThat(back).isEqualTo(isolated);
        assertThat(back.launchPrefix("kafka-a").apply(List.of("java", "-version")))
                .endsWith("netns", "exec", "citadel-region1-data", "java", "-version");
        assertThat(back.launchPrefix("cassandra-dc2").apply(List.of("java"))).containsExactly("java");
        assertThat(back.jmxHost(back.cassandraNodes().get(0))).isEqualTo("127.1.0.1");
        assertThat(back.jmxHost(back.cassandraNodes().get(1))).isEqualTo("127.0.0.1");
    }
}
