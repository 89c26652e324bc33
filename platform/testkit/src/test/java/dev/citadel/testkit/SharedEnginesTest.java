package dev.citadel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.CassandraNodeSpec;
import dev.citadel.platform.engines.DataTierSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SharedEnginesTest {

    private final DataTierSpec spec = SharedEngines.defaultSpec(Path.of("/tmp/run-x"), new LoopbackAllocator(), 512, 384);

    @Test
    void defaultTierHasTwoDataCentresOfOneNodeAndOneBroker() {
        assertThat(spec.dataCenters()).containsExactly("dc1", "dc2");
        assertThat(spec.cassandraNodes()).extracting(CassandraNodeSpec::heapMb).containsOnly(512);
        assertThat(spec.kafkaBrokers()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo(SharedEngines.BROKER);
            assertThat(b.heapMb()).isEqualTo(384);
        });
    }

    @Test
    void everyEngineHasItsOwnAddressAndTheFirstNodeIsTheSeed() {
        var dc1 = spec.cassandraNodes().get(0);
        var dc2 = spec.cassandraNodes().get(1);

        assertThat(dc1.isSeed()).isTrue();
        assertThat(dc2.seedAddresses()).containsExactly(dc1.listenAddress());
        assertThat(java.util.Set.of(dc1.listenAddress(), dc2.listenAddress(), spec.kafkaBrokers().get(0).host()))
                .hasSize(3);
        assertThat(dc1.jmxPort()).isNotEqualTo(dc2.jmxPort());
    }

    @Test
    void keepsEverythingUnderTheRunDir() {
        assertThat(spec.runDir()).isEqualTo(Path.of("/tmp/run-x"));
        assertThat(spec.cassandraNodes()).allMatch(n -> n.nodeDir().startsWith(spec.runDir()));
        assertThat(spec.kafkaBrokers().get(0).dir().startsWith(spec.runDir())).isTrue();
    }
}
