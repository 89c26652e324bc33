package dev.citadel.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.citadel.egress.config.EgressConfigLoader;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import java.math.BigInteger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The management certificate replaced on disk while the firewall runs: the next handshake presents the new one. */
class ManagementCertificateReloadIT {

    private static BigInteger presentedSerial(SSLContext context, int port) {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.startHandshake();
            BigInteger serial = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
            socket.getSession().invalidate();
            return serial;
        } catch (Exception e) {
            return null;
        }
    }

    /** One GET /health on {@code socket} (kept open); the JDK HttpClient is not used: it would read the proxy
     * properties EgressFirewallIT sets before that class can set them. */
    private static String health(SSLSocket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String status = in.readLine();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skip(length);
        return status;
    }

    private static SSLSocket connect(SSLContext context, int port) throws Exception {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return socket;
    }

    @Test
    void aNewHandshakeSeesTheReplacedCertificateWithoutARestart() throws Exception {
        EgressFixture fx = new EgressFixture();
        try (EgressFirewallServer firewall = new EgressFirewallServer(EgressConfigLoader.parse(fx.yaml(1, 1, 1, 1)))
                .start()) {
            SSLContext operator = fx.sslContext(fx.operator);
            int port = firewall.managementPort();
            BigInteger before = presentedSerial(operator, port);
            assertThat(before).isNotNull();
            try (SSLSocket open = connect(operator, port)) {
                assertThat(health(open)).startsWith("HTTP/1.1 200");

                IssuedCertificate next = fx.citadelCa.issue("egress-firewall", CertificateProfile.SERVER,
                        List.of("localhost"), List.of("127.0.0.1"));
                next.writePem(fx.dir.resolve("server.crt"), fx.dir.resolve("server.key"),
                        fx.dir.resolve("citadel-ca.crt"));

                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> next.certificate().getSerialNumber().equals(presentedSerial(operator, port)));
                assertThat(health(open)).as("the connection opened before still answers").startsWith("HTTP/1.1 200");
                assertThat(((X509Certificate) open.getSession().getPeerCertificates()[0]).getSerialNumber())
                        .isEqualTo(before);
            }
            try (SSLSocket fresh = connect(operator, port)) {
                assertThat(health(fresh)).as("and a new one").startsWith("HTTP/1.1 200");
            }
        } finally {
            fx.delete();
        }
    }
}
