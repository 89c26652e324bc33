package dev.citadel.platform.engines.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.KafkaBrokerSpec;
import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaCommandLineTest {

    private final KafkaBrokerSpec broker = new KafkaBrokerSpec("kafka-a", "127.100.4.3", 9093, 9094, 1, 512,
            Path.of("/run/k"));
    private final KafkaLayout layout = new KafkaLayout(broker.dir());

    @Test
    void serverRunsKafkaWithTheGeneratedPropertiesAndItsOwnClasspath() {
        List<String> argv = KafkaCommandLine.server(broker, layout, "/jdk/bin/java", "/m2/k.jar");

        assertThat(argv.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(argv.subList(argv.size() - 4, argv.size()))
                .containsExactly("-cp", "/m2/k.jar", "kafka.Kafka", "/run/k/conf/server.properties");
        assertThat(argv).contains("-Dcitadel.engine=kafka-a", "-Xmx512m", "-Xms512m",
                "-Dlog4j2.configurationFile=file:///run/k/conf/log4j2.xml");
    }

    @Test
    void formatAddsTheAdminScramCredentialBeforeFirstStart() {
        List<String> argv = KafkaCommandLine.format(broker, layout, "/jdk/bin/java", "/m2/k.jar", "cluster-id-1",
                Secret.of("pw"));

        assertThat(argv).containsSubsequence("kafka.tools.StorageTool", "format", "--cluster-id", "cluster-id-1",
                "--config", "/run/k/conf/server.properties", "--add-scram", "SCRAM-SHA-512=[name=admin,password=pw]");
        assertThat(argv).contains("-Dcitadel.engine=kafka-a-format").doesNotContain("--standalone");
    }
}
