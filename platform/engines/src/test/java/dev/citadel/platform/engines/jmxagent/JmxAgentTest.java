package dev.citadel.platform.engines.jmxagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.citadel.platform.engines.process.ListeningSockets;
import dev.citadel.platform.engines.process.TcpProbe;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecureFiles;
import dev.citadel.platform.pki.TlsBundle;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
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
import org.junit.jupiter.api.io.TempDir;

/** The JMX agent in a small real JVM: TLS, password, access file, one loopback port and nothing else. */
class JmxAgentTest {

    @TempDir
    static Path dir;

    private static Process jvm;
    private static int port;
    private static Secret password;
    private static SSLContext previousDefault;

    @BeforeAll
    static void startJvmWithTheAgent() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test CA");
        TlsBundle tls = TlsBundle.loadOrIssue(ca, dir.resolve("tls"), "node", CertificateProfile.SERVER_AND_CLIENT,
                List.of("localhost"), List.of("127.0.0.1"));
        password = Passwords.generate();
        port = freePort();
        SecureFiles.write(dir.resolve("jmx.password"), "operator " + HashedPasswordAuthenticator.hash(password.reveal()) + "\n");
        SecureFiles.write(dir.resolve("jmx.access"), "operator readwrite\n");
        SecureFiles.write(dir.resolve("agent.properties"), "host=127.0.0.1\nport=" + port + "\nkeyStore=" + tls.keyStore()
                + "\nkeyStorePassword=" + tls.password().reveal() + "\npasswordFile=" + dir.resolve("jmx.password")
                + "\naccessFile=" + dir.resolve("jmx.access") + "\n");
        Path jar = AgentJar.write(dir.resolve("agent.jar"));
        String testClasses = Path.of(SleepingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-Djava.net.preferIPv4Stack=true", "-javaagent:" + jar + "=" + dir.resolve("agent.properties"),
                "-cp", testClasses, SleepingMain.class.getName(), "120000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.out").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assertThat(jvm.isAlive()).as(Files.readString(dir.resolve("jvm.out"))).isTrue();
            return TcpProbe.listening(new InetSocketAddress("127.0.0.1", port));
        });
        // SslRMIClientSocketFactory (in the connector's stub too) uses the default SSLContext: trust the test CA.
        previousDefault = SSLContext.getDefault();
        SSLContext.setDefault(trusting(tls.trustStore(), tls.password()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (jvm != null) {
            jvm.destroyForcibly().waitFor();
        }
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
    }

    @Test
    void operatorWithPasswordOverTlsReadsMBeans() throws Exception {
        try (JMXConnector c = JMXConnectorFactory.connect(url(), tlsEnv(new String[] {"operator", password.reveal()}))) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            assertThat((String[]) mbs.getAttribute(new ObjectName("java.lang:type=Runtime"), "InputArguments"))
                    .anyMatch(a -> a.startsWith("-javaagent:"));
        }
    }

    @Test
    void refusesATlsConnectionWithoutCredentials() {
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url(), tlsEnv(null)).close())
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url(), tlsEnv(new String[] {"operator", "wrong"})).close())
                .isInstanceOf(SecurityException.class).hasMessageContaining("Authentication failed");
    }

    @Test
    void refusesAPlaintextConnectionEvenWithTheRightPassword() {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"operator", password.reveal()});
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url(), env).close()).isInstanceOf(IOException.class);
    }

    @Test
    void listensOnItsOnePortOnLoopbackOnly() {
        assertThat(ListeningSockets.of(jvm.pid())).containsExactly("127.0.0.1:" + port);
    }

    private static JMXServiceURL url() throws Exception {
        return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    }

    private static Map<String, Object> tlsEnv(String[] credentials) {
        Map<String, Object> env = new HashMap<>();
        env.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        if (credentials != null) {
            env.put(JMXConnector.CREDENTIALS, credentials);
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
