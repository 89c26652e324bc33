package dev.citadel.platform.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.platform.engines.cassandra.CassandraJmx;
import dev.citadel.platform.engines.process.ListeningSockets;
import dev.citadel.platform.pki.Secret;
import dev.citadel.testkit.SharedEngines;
import dev.citadel.testkit.TestEngines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shared engines expose to the machine: JMX only over TLS with the operator's password, nodetool for the
 * operator, listeners only on each engine's own addresses, and a failed internode handshake logged on one line.
 */
class EngineExposureIT {

    private static TestEngines engines;
    private static CassandraJmx jmx;
    private static SSLContext previousDefault;

    @BeforeAll
    static void trustTheTierCaForJmx() throws Exception {
        engines = SharedEngines.get();
        jmx = engines.tier().cassandraJmx("cassandra-dc1");
        // SslRMIClientSocketFactory, also inside the connector stub the node hands out, uses the default SSLContext.
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(trusting(jmx.trustStore(), jmx.trustStorePassword()));
    }

    @AfterAll
    static void restoreDefaultSslContext() {
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
    }

    @Test
    void operatorReadsTheStorageServiceOverTlsWithTheGeneratedPassword() throws Exception {
        try (JMXConnector c = JMXConnectorFactory.connect(url(), tlsEnv(jmx.user(), jmx.password()))) {
            Object mode = c.getMBeanServerConnection()
                    .getAttribute(new ObjectName("org.apache.cassandra.db:type=StorageService"), "OperationMode");
            assertThat(mode).isEqualTo("NORMAL");
        }
    }

    @Test
    void jmxOverTlsWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url(), tlsEnv(null, null)).close())
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void jmxWithAWrongPasswordIsRefused() {
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url(), tlsEnv(jmx.user(), Secret.of("wrong"))).close())
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void plaintextJmxIsRefusedEvenWithTheRightPassword() {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {jmx.user(), jmx.password().reveal()});
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url(), env).close()).isInstanceOf(IOException.class);
    }

    @Test
    void nodetoolWorksForTheOperator() throws Exception {
        List<String> argv = engines.tier().nodetoolCommand("cassandra-dc1", List.of("status"));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Datacenter: dc1", "Datacenter: dc2").containsPattern("UN +127\\.");
    }

    @Test
    void cassandraNodesListenOnlyOnTheirOwnAddressAndJmxOnLoopback() {
        for (String name : List.of("cassandra-dc1", "cassandra-dc2")) {
            CassandraNodeSpec node = engines.tier().spec().cassandraNode(name).orElseThrow();
            long pid = engines.tier().process(name).orElseThrow().pid();
            assertThat(ListeningSockets.of(pid)).as(name).containsExactlyInAnyOrder(
                    node.listenAddress() + ":" + node.nativePort(), node.listenAddress() + ":" + node.storagePort(),
                    "127.0.0.1:" + node.jmxPort());
        }
    }

    @Test
    void kafkaListensOnlyOnItsClientAndControllerPortsWithoutJmx() {
        KafkaBrokerSpec broker = engines.tier().spec().kafkaBroker(SharedEngines.BROKER).orElseThrow();
        long pid = engines.tier().process(SharedEngines.BROKER).orElseThrow().pid();
        assertThat(ListeningSockets.of(pid)).containsExactlyInAnyOrder(broker.host() + ":" + broker.clientPort(),
                broker.host() + ":" + broker.controllerPort());
    }

    @Test
    void aFailedInternodeTlsHandshakeIsOneLogLine() throws Exception {
        CassandraNodeSpec node = engines.tier().spec().cassandraNode("cassandra-dc2").orElseThrow();
        Path log = engines.tier().spec().logFile(node.name());
        long before = Files.readAllLines(log).stream().filter(l -> l.contains("Failed to properly handshake")).count();
        try (Socket s = new Socket(node.listenAddress(), node.storagePort()); OutputStream out = s.getOutputStream();
             InputStream in = s.getInputStream()) {
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.read(); // until the node closes the connection
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Files.readAllLines(log).stream().filter(l -> l.contains("Failed to properly handshake")).count() > before);
        List<String> lines = Files.readAllLines(log);
        int last = lines.size() - 1;
        while (!lines.get(last).contains("Failed to properly handshake")) {
            last--;
        }
        assertThat(lines.get(last)).matches("^ERROR .*Failed to properly handshake with peer .*\\[.*Exception.*\\]$");
        if (last + 1 < lines.size()) {
            assertThat(lines.get(last + 1)).doesNotStartWith("\tat ").doesNotStartWith("Caused by");
        }
    }

    private static JMXServiceURL url() throws Exception {
        return new JMXServiceURL(jmx.serviceUrl());
    }

    private static Map<String, Object> tlsEnv(String user, Secret password) {
        Map<String, Object> env = new HashMap<>();
        env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password.reveal()});
        }
        return env;
    }

    private static SSLContext trusting(Path trustStore, Secret password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            ks.load(in, password.revealChars());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
