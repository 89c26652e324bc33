package dev.citadel.platform.engines.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.KafkaBrokerSpec;
import dev.citadel.platform.engines.LogRotation;
import dev.citadel.platform.pki.Secret;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    private final KafkaBrokerSpec broker = new KafkaBrokerSpec("kafka-a", "127.100.4.3", 9093, 9094, 1, 512,
            Path.of("/run/k"));
    private final KafkaLayout layout = new KafkaLayout(broker.dir());
    private final KafkaTls tls = new KafkaTls(Path.of("/run/k/tls/keystore.p12"), Path.of("/run/k/tls/truststore.p12"),
            Secret.of("store-pw"));
    private final Properties props = parse(KafkaConfig.serverProperties(broker, layout, tls, Secret.of("admin-pw")));

    @Test
    void runsBrokerAndControllerInOneProcessWithAStaticQuorumOfItself() {
        assertThat(props).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.100.4.3:9094")
                .containsEntry("controller.listener.names", "CONTROLLER");
    }

    @Test
    void clientsAndInterBrokerTrafficUseSaslSslWithScram() {
        assertThat(props).containsEntry("listeners", "CLIENT://127.100.4.3:9093,CONTROLLER://127.100.4.3:9094")
                .containsEntry("advertised.listeners", "CLIENT://127.100.4.3:9093")
                .containsEntry("listener.security.protocol.map", "CLIENT:SASL_SSL,CONTROLLER:SSL")
                .containsEntry("inter.broker.listener.name", "CLIENT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        assertThat(props.getProperty("listener.name.client.scram-sha-512.sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"admin-pw\";");
    }

    @Test
    void controllerListenerRequiresClientCertificates() {
        assertThat(props).containsEntry("listener.name.controller.ssl.client.auth", "required")
                .containsEntry("ssl.keystore.location", "/run/k/tls/keystore.p12")
                .containsEntry("ssl.keystore.type", "PKCS12")
                .containsEntry("ssl.truststore.location", "/run/k/tls/truststore.p12")
                .containsEntry("ssl.keystore.password", "store-pw")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
    }

    @Test
    void deniesEverythingWithoutAnAclExceptToSuperUsers() {
        assertThat(props).containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:admin;User:CN=kafka-a")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void usesSingleBrokerReplicationSettings() {
        assertThat(props).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("log.dirs", "/run/k/data");
    }

    @Test
    void logsToOneRollingFileWhoseArchivesAreCappedInSizeAndAge() {
        String log4j2 = KafkaConfig.log4j2(new LogRotation(Path.of("/run/logs/kafka-region1.log")));
        assertThat(log4j2).contains(
                        "<RollingFile name=\"FILE\" fileName=\"/run/logs/kafka-region1.log\" "
                                + "filePattern=\"/run/logs/archive/kafka-region1.%d{yyyy-MM-dd}.%i.log.gz\">",
                        "<SizeBasedTriggeringPolicy size=\"20 MB\"/>",
                        "<Delete basePath=\"/run/logs/archive\" maxDepth=\"1\">",
                        "<IfFileName glob=\"kafka-region1.*.log.gz\">",
                        "<IfAccumulatedFileSize exceeds=\"200 MB\"/>", "<IfLastModified age=\"7d\"/>")
                .doesNotContain("<Console");
    }

    private static Properties parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }
}
