package dev.citadel.platform.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTierSpecTest {

    private static CassandraNodeSpec node(String name, String dc, String address, String seed) {
        return CassandraNodeSpec.of(name, dc, address, List.of(seed), 7199, Path.of("/r/" + name));
    }

    @Test
    void listsDataCentresInOrderOfFirstAppearance() {
        DataTierSpec spec = new DataTierSpec("c", List.of(node("b1", "dc2", "127.0.0.2", "127.0.0.2"),
                node("a1", "dc1", "127.0.0.3", "127.0.0.2"), node("b2", "dc2", "127.0.0.4", "127.0.0.2")), List.of(), Path.of("/r"));

        assertThat(spec.dataCenters()).containsExactly("dc2", "dc1");
        assertThat(spec.nodesIn("dc2")).extracting(CassandraNodeSpec::name).containsExactly("b1", "b2");
        assertThat(spec.logFile("a1")).isEqualTo(Path.of("/r/logs/a1.log"));
    }

    @Test
    void refusesDuplicateEngineNames() {
        assertThatThrownBy(() -> new DataTierSpec("c", List.of(node("x", "dc1", "127.0.0.2", "127.0.0.2")),
                List.of(KafkaBrokerSpec.of("x", "127.0.0.3", 9093, 9094, Path.of("/r/k"))), Path.of("/r")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
    }

    @Test
    void refusesAClusterWithoutASeed() {
        assertThatThrownBy(() -> new DataTierSpec("c", List.of(node("x", "dc1", "127.0.0.2", "127.0.0.9")), List.of(),
                Path.of("/r"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
    }

    @Test
    void refusesAddressesOutsideLoopbackAndTheIsolatedZones() {
        assertThatThrownBy(() -> node("x", "dc1", "10.0.0.1", "10.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listenAddress");
        assertThatThrownBy(() -> KafkaBrokerSpec.of("k", "0.0.0.0", 9093, 9094, Path.of("/r")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> KafkaBrokerSpec.of("k", "198.20.0.1", 9093, 9094, Path.of("/r")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("198.18.0.0/15");
        assertThatThrownBy(() -> node("x", "dc1", "127.0.0.256", "127.0.0.256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid address");
    }

    @Test
    void acceptsTheIsolatedZonesAddresses() {
        assertThat(node("x", "dc1", "198.18.11.10", "198.18.11.10").listenAddress()).isEqualTo("198.18.11.10");
        assertThat(KafkaBrokerSpec.of("k", "198.19.0.20", 9093, 9094, Path.of("/r")).host()).isEqualTo("198.19.0.20");
        assertThat(node("y", "dc1", "127.0.1.10", "127.0.1.10").isSeed()).isTrue();
    }

    @Test
    void refusesABrokerWhoseClientAndControllerPortsCollide() {
        assertThatThrownBy(() -> KafkaBrokerSpec.of("k", "127.0.0.1", 9093, 9093, Path.of("/r")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
