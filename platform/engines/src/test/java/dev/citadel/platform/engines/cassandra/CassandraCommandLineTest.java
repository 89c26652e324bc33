package dev.citadel.platform.engines.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.CassandraNodeSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraCommandLineTest {

    private final CassandraNodeSpec node = new CassandraNodeSpec("cassandra-dc2", "dc2", "rack1", "127.100.4.2",
            List.of("127.100.4.1"), 9042, 7000, 17201, 640, Path.of("/run/c2"));
    private final List<String> argv = CassandraCommandLine.build(node, new CassandraLayout(node.nodeDir()),
            "/jdk/bin/java", "/m2/a.jar:/m2/b.jar");

    @Test
    void startsTheDaemonWithItsOwnClasspathAsLastArguments() {
        assertThat(argv.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(argv.subList(argv.size() - 3, argv.size()))
                .containsExactly("-cp", "/m2/a.jar:/m2/b.jar", "org.apache.cassandra.service.CassandraDaemon");
    }

    @Test
    void carriesTheEngineMarkerForPidReuseSafety() {
        assertThat(argv).contains("-Dcitadel.engine=cassandra-dc2");
    }

    @Test
    void sizesTheHeapFromTheSpec() {
        assertThat(argv).contains("-Xms640m", "-Xmx640m");
    }

    @Test
    void pointsAtTheGeneratedConfigFiles() {
        assertThat(argv).contains(
                "-Dcassandra.config=file:///run/c2/conf/cassandra.yaml",
                "-Dcassandra-rackdc.properties=file:///run/c2/conf/cassandra-rackdc.properties",
                "-Dlogback.configurationFile=file:///run/c2/conf/logback.xml",
                "-Dcassandra.storagedir=/run/c2/data",
                "-Dcassandra-foreground=yes");
    }

    @Test
    void getsJmxOnlyFromTheCitadelAgent() {
        assertThat(argv).contains("-javaagent:/run/c2/jmx/citadel-jmx-agent.jar=/run/c2/jmx/agent.properties");
        // Cassandra's own JMX server and the JDK's agent would bind the wildcard address or a random port.
        assertThat(argv).noneMatch(a -> a.startsWith("-Dcassandra.jmx.") || a.startsWith("-Dcom.sun.management.jmxremote"));
    }

    @Test
    void shortensTheRingSettleWaitsForASingleMachine() {
        assertThat(argv).contains("-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=15000",
                "-Dcassandra.superuser_setup_delay_ms=500", "-Dcassandra.auto_bootstrap=false");
    }

    @Test
    void opensTheJdkModulesCassandraNeedsOnJava17() {
        assertThat(String.join(" ", argv))
                .contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED")
                .contains("--add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED")
                .contains("--add-opens java.base/java.nio=ALL-UNNAMED")
                .contains("--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED");
        assertThat(argv.stream().filter(a -> a.equals("--add-opens") || a.equals("--add-exports"))).hasSize(25);
    }
}
