package dev.citadel.platform.engines.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CassandraAuthBootstrapTest {

    @Test
    void replicatesSystemKeyspacesToEveryDataCentreWithNetworkTopologyStrategy() {
        Map<String, Integer> rf = new TreeMap<>(Map.of("dc2", 1, "dc1", 3));

        assertThat(CassandraAuthBootstrap.replication(rf))
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 1}");
    }
}
