package dev.citadel.platform.engines.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.engines.CassandraNodeSpec;
import dev.citadel.platform.engines.jmxagent.HashedPasswordAuthenticator;
import dev.citadel.platform.pki.Secret;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CassandraJmxConfigTest {

    private final CassandraNodeSpec node = new CassandraNodeSpec("cassandra-dc1", "dc1", "rack1", "127.100.4.1",
            List.of("127.100.4.1"), 9042, 7000, 17200, 768, Path.of("/run/c1"));
    private final CassandraLayout layout = new CassandraLayout(node.nodeDir());
    private final CassandraTls tls = new CassandraTls(Path.of("/run/c1/tls/keystore.p12"),
            Path.of("/run/c1/tls/truststore.p12"), Secret.of("store-pw"));
    private final Secret password = Secret.of("jmx-pw-0123456789");

    @Test
    void agentServesTheNodesJmxPortOnLoopbackWithTheNodesCertificate() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(CassandraJmxConfig.agentConfig(node, CassandraJmx.HOST, layout, tls)));
        assertThat(p).containsEntry("host", "127.0.0.1").containsEntry("port", "17200")
                .containsEntry("keyStore", "/run/c1/tls/keystore.p12").containsEntry("keyStorePassword", "store-pw")
                .containsEntry("passwordFile", "/run/c1/jmx/jmx.password")
                .containsEntry("accessFile", "/run/c1/jmx/jmx.access");
    }

    @Test
    void passwordFileHoldsAHashNotThePassword() {
        String file = CassandraJmxConfig.passwordFile("operator", password);
        assertThat(file).isEqualTo("operator " + HashedPasswordAuthenticator.hash(password.reveal()) + "\n")
                .doesNotContain(password.reveal());
    }

    @Test
    void operatorMayReadAndWrite() {
        assertThat(CassandraJmxConfig.accessFile("operator")).isEqualTo("operator readwrite\n");
    }

    @Test
    void nodetoolCredentialsAreInNodetoolsPasswordFileFormat() {
        assertThat(CassandraJmxConfig.nodetoolCredentials("operator", password)).isEqualTo("operator jmx-pw-0123456789\n");
    }

    @Test
    void nodetoolJvmOptionsSwitchOnTlsAndTrustTheNodesCa() {
        assertThat(CassandraJmxConfig.nodetoolJvmOptions(tls).lines()).containsExactly(
                "\"-Dssl.enable=true\"",
                "\"-Djavax.net.ssl.trustStore=/run/c1/tls/truststore.p12\"",
                "\"-Djavax.net.ssl.trustStoreType=PKCS12\"",
                "\"-Djavax.net.ssl.trustStorePassword=store-pw\"");
    }
}
