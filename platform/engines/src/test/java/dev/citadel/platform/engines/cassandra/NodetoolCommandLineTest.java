package dev.citadel.platform.engines.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.CassandraNodeSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodetoolCommandLineTest {

    private final CassandraNodeSpec node = new CassandraNodeSpec("cassandra-region1", "dc1", "rack1", "127.0.1.10",
            List.of("127.0.1.10"), 9042, 7000, 7199, 1024, Path.of("/run/c1"));
    private final List<String> argv = NodetoolCommandLine.build(node, CassandraJmx.HOST, new CassandraLayout(node.nodeDir()), "/jdk/bin/java",
            "/m2/cassandra-all.jar:/m2/b.jar", List.of("status", "-r"));

    @Test
    void runsNodetoolOnTheNodesClasspathWithTheOperatorsArgumentsLast() {
        assertThat(argv.get(0)).isEqualTo("/jdk/bin/java");
        int main = argv.indexOf("org.apache.cassandra.tools.NodeTool");
        assertThat(argv.subList(main - 2, main)).containsExactly("-cp", "/m2/cassandra-all.jar:/m2/b.jar");
        assertThat(argv.subList(argv.size() - 2, argv.size())).containsExactly("status", "-r");
    }

    @Test
    void connectsToTheNodesJmxPortOnLoopbackAsTheOperatorWithThePasswordFromAFile() {
        assertThat(String.join(" ", argv)).contains("--host 127.0.0.1 --port 7199 --username operator "
                + "--password-file /run/c1/jmx/nodetool.credentials status -r");
    }

    @Test
    void takesTlsTrustFromAnArgumentFileSoNoSecretIsOnTheCommandLine() {
        assertThat(argv.get(1)).isEqualTo("@/run/c1/jmx/nodetool-jvm.options");
        assertThat(argv).noneMatch(a -> a.contains("Password=") || a.equals("--password") || a.equals("-pw"));
    }

    @Test
    void quietensNodetoolsOwnLoggingAndOpensTheModulesCassandraNeeds() {
        assertThat(argv).contains("-Dlogback.configurationFile=file:///run/c1/conf/logback-tools.xml",
                "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED");
    }
}
