package dev.citadel.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JSSE handshakes on loopback: one client context, its trust file changed under it. */
class FollowedTrustManagerTest {

    @TempDir
    Path dir;

    private CertificateAuthority serverCa;
    private CertificateAuthority otherCa;
    private SSLServerSocket server;
    private final ExecutorService accepts = Executors.newSingleThreadExecutor();
    private int generation;

    @BeforeEach
    void server() throws Exception {
        serverCa = CertificateAuthority.loadOrCreate(dir.resolve("server-ca"), "server CA");
        otherCa = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"), "other CA");
        IssuedCertificate cert = serverCa.issue("server", CertificateProfile.SERVER, List.of("localhost"),
                List.of("127.0.0.1"));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", cert.privateKey(), "x".toCharArray(), new Certificate[] {cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "x".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        accepts.submit(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write(1);
                } catch (IOException e) {
                    // a refused handshake: the next one
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        accepts.shutdownNow();
    }

    @Test
    void aClientContextTrustsWhatItsFileListsAtEachHandshake() throws Exception {
        Path trust = dir.resolve("trust.crt");
        write(trust, Pem.certificate(otherCa.certificate()));
        FollowedTrustManager manager = FollowedTrustManager.pem(trust);
        SSLContext client = manager.clientContext();
        assertThatThrownBy(() -> handshake(client)).as("only another CA trusted")
                .isInstanceOf(SSLHandshakeException.class);

        write(trust, Pem.certificate(otherCa.certificate()) + Pem.certificate(serverCa.certificate()));
        handshake(client);
        assertThat(manager.trusted()).containsExactlyInAnyOrder(otherCa.certificate(), serverCa.certificate());

        write(trust, Pem.certificate(otherCa.certificate()));
        assertThatThrownBy(() -> handshake(client)).as("the server's CA dropped")
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anUnreadableChangeKeepsThePreviousCas() throws Exception {
        Path trust = dir.resolve("trust.crt");
        write(trust, Pem.certificate(serverCa.certificate()));
        FollowedTrustManager manager = FollowedTrustManager.pem(trust);
        SSLContext client = manager.clientContext();

        write(trust, "-----BEGIN CERTIFICATE-----\nbroken\n");
        handshake(client);
        assertThat(manager.trusted()).containsExactly(serverCa.certificate());
    }

    @Test
    void followsAPkcs12TruststoreToo() throws Exception {
        Path trust = dir.resolve("truststore.p12");
        Secret password = Secret.of("store-password");
        otherCa.writeTrustStore(trust, password);
        FollowedTrustManager manager = FollowedTrustManager.keyStore(trust, password);
        SSLContext client = manager.clientContext();
        assertThatThrownBy(() -> handshake(client)).isInstanceOf(SSLHandshakeException.class);

        serverCa.writeTrustStore(trust, password);
        Files.setLastModifiedTime(trust, FileTime.from(Instant.now().plusSeconds(++generation * 10L)));
        handshake(client);
    }

    /** A fresh full handshake that checks the host name; the session is not kept for a later resumption. */
    private void handshake(SSLContext client) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", server.getLocalPort())) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            socket.getInputStream().read();
            socket.getSession().invalidate();
        }
    }

    /** The modification time moved on explicitly: two writes within one clock tick would look unchanged. */
    private void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(++generation * 10L)));
    }
}
