package dev.citadel.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the topology file's documentation: it must list every key the loader takes. */
class TopologyReadmeTest {

    @Test
    void readmeConfigurationTableListsEveryTopologyKey() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> keys = new ArrayList<>();
        add(keys, "", TopologyLoader.ROOT_KEYS);
        add(keys, "regions[].", TopologyLoader.REGION_KEYS);
        add(keys, "regions[].cassandra.", TopologyLoader.CASSANDRA_KEYS);
        add(keys, "regions[].kafka.", TopologyLoader.KAFKA_KEYS);
        add(keys, "regions[].stamp.<service>.", TopologyLoader.SERVICE_KEYS);
        add(keys, "edge.", TopologyLoader.EDGE_KEYS);
        add(keys, "regions[].stamp.egressFirewall.", TopologyLoader.EGRESS_KEYS);
        add(keys, "regions[].stamp.egressFirewall.allow[].", TopologyLoader.EGRESS_RULE_KEYS);
        add(keys, "regions[].stamp.egressFirewall.hosts[].", TopologyLoader.STATIC_HOST_KEYS);
        assertThat(readme).contains(TopologyLoader.STAMP_KEYS.stream().map(k -> "`" + k + "`").toList());

        assertThat(keys).allSatisfy(key -> assertThat(readme).contains("| `" + key));
    }

    private static void add(List<String> keys, String prefix, Set<String> names) {
        names.stream().filter(n -> !Set.of("cassandra", "kafka", "stamp", "edge").contains(n)).forEach(n -> keys.add(prefix + n));
    }
}
