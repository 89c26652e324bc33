package dev.citadel.platform.engines.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.engines.CassandraNodeSpec;
import dev.citadel.platform.engines.LogRotation;
import dev.citadel.platform.pki.Secret;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CassandraConfigTest {

    private final CassandraNodeSpec node = new CassandraNodeSpec("cassandra-dc1", "dc1", "rack7", "127.100.4.1",
            List.of("127.100.4.1", "127.100.4.2"), 9042, 7000, 17200, 768, Path.of("/run/c1"));
    private final CassandraLayout layout = new CassandraLayout(node.nodeDir());
    private final CassandraTls tls = new CassandraTls(Path.of("/run/c1/tls/keystore.p12"),
            Path.of("/run/c1/tls/truststore.p12"), Secret.of("pw-123"));
    private final String yaml = CassandraConfig.yaml("citadel", node, layout, tls);

    @Test
    void bindsEverythingToTheNodesOwnLoopbackAddress() {
        assertThat(yaml).contains("listen_address: 127.100.4.1\n", "rpc_address: 127.100.4.1\n",
                "native_transport_port: 9042\n", "storage_port: 7000\n");
    }

    @Test
    void listsSeedsWithTheirStoragePort() {
        assertThat(yaml).contains("- seeds: \"127.100.4.1:7000,127.100.4.2:7000\"");
    }

    @Test
    void keepsAllDataUnderTheNodeDirectory() {
        assertThat(yaml).contains("data_file_directories:\n  - '/run/c1/data'", "commitlog_directory: '/run/c1/commitlog'",
                "hints_directory: '/run/c1/hints'", "saved_caches_directory: '/run/c1/saved_caches'",
                "cdc_raw_directory: '/run/c1/cdc_raw'");
    }

    @Test
    void requiresPasswordAuthenticationAndRoleAuthorization() {
        assertThat(yaml).contains("authenticator: PasswordAuthenticator\n", "authorizer: CassandraAuthorizer\n",
                "role_manager: CassandraRoleManager\n");
    }

    @Test
    void clientTransportIsTlsWithoutPlaintextFallback() {
        String client = section("client_encryption_options:");
        assertThat(client).contains("enabled: true", "optional: false", "keystore: '/run/c1/tls/keystore.p12'",
                "keystore_password: pw-123", "store_type: PKCS12");
    }

    @Test
    void internodeTrafficIsMutualTlsForAllPeersWithoutPlaintextFallback() {
        String server = section("server_encryption_options:");
        assertThat(server).contains("internode_encryption: all", "optional: false", "require_client_auth: true",
                "truststore: '/run/c1/tls/truststore.p12'");
    }

    @Test
    void usesTheGossipingSnitchWithDcAndRackFromTheSpec() throws Exception {
        assertThat(yaml).contains("endpoint_snitch: GossipingPropertyFileSnitch\n");
        Properties rackDc = new Properties();
        rackDc.load(new StringReader(CassandraConfig.rackDc(node)));
        assertThat(rackDc).containsEntry("dc", "dc1").containsEntry("rack", "rack7");
    }

    @Test
    void neverBootstrapsStreamingOnANewNode() {
        assertThat(yaml).contains("auto_bootstrap: false\n");
    }

    @Test
    void logsToOneRollingFileWithATotalSizeCapAndNothingToStandardOutput() {
        String logback = CassandraConfig.logback(new LogRotation(Path.of("/run/logs/cassandra-dc1.log")));
        assertThat(logback).contains("<file>/run/logs/cassandra-dc1.log</file>",
                        "<fileNamePattern>/run/logs/archive/cassandra-dc1.%d{yyyy-MM-dd}.%i.log.gz</fileNamePattern>",
                        "<maxFileSize>20MB</maxFileSize>", "<totalSizeCap>200MB</totalSizeCap>", "<maxHistory>7</maxHistory>")
                .doesNotContain("ConsoleAppender");
    }

    @Test
    void refusesAPathThatWouldBreakYamlQuoting() {
        CassandraLayout bad = new CassandraLayout(Path.of("/run/it's"));
        assertThatThrownBy(() -> CassandraConfig.yaml("c", node, bad, tls)).isInstanceOf(IllegalArgumentException.class);
    }

    private String section(String header) {
        int start = yaml.indexOf(header);
        int end = yaml.indexOf("\n", yaml.indexOf("store_type", start));
        return yaml.substring(start, end);
    }
}
