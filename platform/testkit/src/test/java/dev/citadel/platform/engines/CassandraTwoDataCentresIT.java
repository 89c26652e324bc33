package dev.citadel.platform.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CassandraTwoDataCentresIT {

    private static TestEngines engines;
    private static String keyspace;

    @BeforeAll
    static void createKeyspace() {
        engines = SharedEngines.get();
        keyspace = engines.uniqueName("twodc");
        try (CqlSession admin = engines.newCqlSession("dc1")) {
            admin.execute("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1, 'dc2': 1}");
            admin.execute("CREATE TABLE " + keyspace + ".items (id uuid PRIMARY KEY, name text)");
            await().atMost(Duration.ofSeconds(60)).until(admin::checkSchemaAgreement);
        }
    }

    @Test
    void writeAtLocalQuorumInDc1BecomesReadableAtLocalQuorumInDc2() {
        UUID id = UUID.randomUUID();
        try (CqlSession dc1 = engines.newCqlSession("dc1"); CqlSession dc2 = engines.newCqlSession("dc2")) {
            dc1.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".items (id, name) VALUES (?, ?)", id, "lamp")
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Row row = dc2.execute(SimpleStatement.newInstance("SELECT name FROM " + keyspace + ".items WHERE id = ?", id)
                        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)).one();
                assertThat(row).isNotNull();
                assertThat(row.getString("name")).isEqualTo("lamp");
            });
            assertThat(dc2.getMetadata().getNodes().values()).extracting(n -> n.getDatacenter())
                    .containsExactlyInAnyOrder("dc1", "dc2");
        }
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> engines.newCqlSession("dc1", engines.cassandra().adminUsername(), Secret.of("wrong-password")).close())
                .isInstanceOf(AllNodesFailedException.class)
                .hasMessageContaining("Authentication");
    }

    @Test
    void defaultSuperuserCannotLogIn() {
        assertThatThrownBy(() -> engines.newCqlSession("dc1", "cassandra", Secret.of("cassandra")).close())
                .isInstanceOf(AllNodesFailedException.class);
    }

    @Test
    void refusesAPlaintextConnection() {
        var builder = CqlSession.builder()
                .addContactPoints(engines.cassandra().contactPoints("dc1"))
                .withLocalDatacenter("dc1")
                .withAuthCredentials(engines.cassandra().adminUsername(), engines.cassandra().adminPassword().reveal());

        assertThatThrownBy(() -> builder.build().close()).isInstanceOf(AllNodesFailedException.class);
    }

    @Test
    void leastPrivilegeRoleReadsAndWritesItsKeyspaceOnly() {
        String role = engines.uniqueName("reader_writer");
        Secret password = engines.createCassandraRole(role, keyspace, "SELECT", "MODIFY");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            try (CqlSession app = engines.newCqlSession("dc2", role, password)) {
                app.execute("INSERT INTO " + keyspace + ".items (id, name) VALUES (uuid(), 'chair')");
                assertThat(app.execute("SELECT count(*) FROM " + keyspace + ".items").one().getLong(0)).isPositive();
            }
        });
        try (CqlSession app = engines.newCqlSession("dc2", role, password)) {
            assertThatThrownBy(() -> app.execute("CREATE KEYSPACE " + engines.uniqueName("forbidden")
                    + " WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}"))
                    .isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> app.execute("SELECT * FROM system_auth.roles"))
                    .isInstanceOf(UnauthorizedException.class);
        }
    }
}
