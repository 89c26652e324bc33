package dev.citadel.cli.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation reissues in place: new keys and serials, the same names and issuing CA, so every client keeps trusting. */
class StampPkiTest {

    @TempDir
    Path run;

    private static X509Certificate read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void reissuingTheEdgeReplacesBothCertificatesWithTheSameNamesAndIssuers() throws Exception {
        RunLayout layout = new RunLayout(run);
        StampPki pki = StampPki.loadOrCreate(layout, "citadel");
        Topology.EdgeNode edge = new Topology.EdgeNode("127.0.0.5", 8443, 9443, 256, 200);
        pki.issueEdge(edge);
        Path tls = layout.tlsDir(ServiceKind.EDGE, null);
        X509Certificate server = read(tls.resolve("server/edge.crt"));
        X509Certificate client = read(tls.resolve("client/edge.crt"));
        String serverKey = Files.readString(tls.resolve("server/edge.key"));
        String clientKey = Files.readString(tls.resolve("client/edge.key"));

        X509Certificate returned = pki.reissueEdge(edge);

        X509Certificate newServer = read(tls.resolve("server/edge.crt"));
        X509Certificate newClient = read(tls.resolve("client/edge.crt"));
        assertThat(returned).isEqualTo(newServer);
        assertThat(newServer.getSerialNumber()).isNotEqualTo(server.getSerialNumber());
        assertThat(newClient.getSerialNumber()).isNotEqualTo(client.getSerialNumber());
        assertThat(Files.readString(tls.resolve("server/edge.key"))).isNotEqualTo(serverKey);
        assertThat(Files.readString(tls.resolve("client/edge.key"))).isNotEqualTo(clientKey);
        assertThat(List.copyOf(newServer.getSubjectAlternativeNames())).isEqualTo(List.copyOf(server.getSubjectAlternativeNames()));
        assertThat(newServer.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "127.0.0.5");
        assertThat(newServer.getIssuerX500Principal()).isEqualTo(server.getIssuerX500Principal());
        assertThat(newClient.getSubjectX500Principal()).isEqualTo(client.getSubjectX500Principal());
        assertThat(newClient.getIssuerX500Principal()).isEqualTo(client.getIssuerX500Principal())
                .isNotEqualTo(newServer.getIssuerX500Principal());
        newClient.verify(read(layout.edgeCaDir().resolve("ca.crt")).getPublicKey());
        assertThat(Files.getPosixFilePermissions(tls.resolve("client/edge.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void reissuingAnEgressFirewallKeepsItsNames() throws Exception {
        RunLayout layout = new RunLayout(run);
        StampPki pki = StampPki.loadOrCreate(layout, "citadel");
        pki.issueService(ServiceKind.EGRESS_FIREWALL, "region1", "127.0.1.40");
        Path crt = layout.tlsDir(ServiceKind.EGRESS_FIREWALL, "region1").resolve("server.crt");
        X509Certificate before = read(crt);

        X509Certificate after = pki.reissueService(ServiceKind.EGRESS_FIREWALL, "region1", "127.0.1.40");

        assertThat(read(crt)).isEqualTo(after);
        assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(List.copyOf(after.getSubjectAlternativeNames())).isEqualTo(List.copyOf(before.getSubjectAlternativeNames()));
        assertThat(List.of(after.getIssuerX500Principal())).containsExactly(before.getIssuerX500Principal());
    }
}
