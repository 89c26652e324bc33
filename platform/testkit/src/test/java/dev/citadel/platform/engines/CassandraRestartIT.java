package dev.citadel.platform.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Stops and restarts the shared dc2 node (later chaos tests rely on this); it is running again afterwards. */
class CassandraRestartIT {

    @Test
    void stoppedNodeRestartsWithItsDataAndRejoinsTheCluster() {
        TestEngines engines = SharedEngines.get();
        String ks = engines.uniqueName("restart");
        UUID id = UUID.randomUUID();
        try (CqlSession dc1 = engines.newCqlSession("dc1")) {
            dc1.execute("CREATE KEYSPACE " + ks + " WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 1}");
            dc1.execute("CREATE TABLE " + ks + ".t (id uuid PRIMARY KEY, v text)");
            // DDL reaches dc2 through schema gossip; on a busy machine the driver's own wait can time out first.
            await().atMost(Duration.ofSeconds(60)).until(dc1::checkSchemaAgreement);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    dc1.execute(SimpleStatement.newInstance("INSERT INTO " + ks + ".t (id, v) VALUES (?, 'before')", id)
                            .setConsistencyLevel(ConsistencyLevel.EACH_QUORUM)));
        }
        long oldPid = engines.tier().process("cassandra-dc2").orElseThrow().pid();

        engines.tier().stopCassandra("cassandra-dc2");
        assertThat(engines.tier().processes()).filteredOn(s -> s.name().equals("cassandra-dc2"))
                .singleElement().satisfies(s -> assertThat(s.alive()).isFalse());
        engines.tier().startCassandra("cassandra-dc2");

        assertThat(engines.tier().process("cassandra-dc2").orElseThrow().pid()).isNotEqualTo(oldPid);
        try (CqlSession dc2 = engines.newCqlSession("dc2")) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(dc2.execute(SimpleStatement.newInstance("SELECT v FROM " + ks + ".t WHERE id = ?", id)
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)).one().getString("v")).isEqualTo("before"));
        }
    }
}
