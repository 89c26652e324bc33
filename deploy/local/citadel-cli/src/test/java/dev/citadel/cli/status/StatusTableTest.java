package dev.citadel.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    @Test
    void alignsColumnsUnderTheirHeaders() {
        String table = StatusTable.render(List.of(
                new StatusRow("cassandra-region1", "region1", "cassandra", "127.0.1.10:9042", 4242,
                        ComponentState.RUNNING, "/r/logs/cassandra-region1.log"),
                new StatusRow("kafka-region2", "region2", "kafka", "127.0.2.20:9093", 77, ComponentState.RESTARTING, 2,
                        "exit code 137 (SIGKILL) at 2026-01-01T00:00:00Z", "/r/logs/kafka-region2.log")),
                pid -> pid == 4242 ? "citadel-cassandra-region1" : "root");

        assertThat(table).isEqualTo("""
                COMPONENT          REGION   KIND       ADDRESS          PID   USER                       STATE       RESTARTS  LAST EXIT                                        LOG
                cassandra-region1  region1  cassandra  127.0.1.10:9042  4242  citadel-cassandra-region1  running     0         -                                                /r/logs/cassandra-region1.log
                kafka-region2      region2  kafka      127.0.2.20:9093  77    root                       restarting  2         exit code 137 (SIGKILL) at 2026-01-01T00:00:00Z  /r/logs/kafka-region2.log
                """);
    }

    @Test
    void saysNothingIsRunningWhenThereAreNoRows() {
        assertThat(StatusTable.render(List.of())).isEqualTo("nothing is running\n");
    }
}
