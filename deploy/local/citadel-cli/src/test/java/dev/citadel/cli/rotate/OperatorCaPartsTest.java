package dev.citadel.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.provision.StampPki;
import dev.citadel.cli.services.OperatorTls;
import dev.citadel.cli.services.RunLayout;
import dev.citadel.cli.services.ServiceKind;
import dev.citadel.cli.topology.Topology;
import dev.citadel.cli.topology.TwoRegions;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.Pem;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator CA's consumers and leaves, found from the topology, and its leaves reissued in place. */
class OperatorCaPartsTest {

    private static final Topology TOPOLOGY = TwoRegions.TOPOLOGY;

    @TempDir
    Path run;

    @Test
    void everyManagementListenerAndItsTrustFileAreConsumers() {
        RunLayout layout = new RunLayout(Path.of("/r"));
        assertThat(OperatorCaParts.trustFiles(TOPOLOGY, layout)).map(Path::toString).containsExactly(
                "/r/stamps/region1/catalog-api/tls/operator-ca.crt",
                "/r/stamps/region1/background-processor/tls/operator-ca.crt",
                "/r/stamps/region1/health-service/tls/operator-ca.crt",
                "/r/stamps/region1/web-ui/tls/operator-ca.crt",
                "/r/stamps/region1/egress-firewall/tls/operator-ca.crt",
                "/r/stamps/region2/catalog-api/tls/operator-ca.crt",
                "/r/stamps/region2/background-processor/tls/operator-ca.crt",
                "/r/stamps/region2/health-service/tls/operator-ca.crt",
                "/r/stamps/region2/web-ui/tls/operator-ca.crt",
                "/r/stamps/region2/egress-firewall/tls/operator-ca.crt",
                "/r/edge/tls/operator-ca.crt");
        Map<String, InetSocketAddress> listeners = OperatorCaParts.managementListeners(TOPOLOGY);
        assertThat(listeners.keySet()).containsExactly("catalog-api-region1", "background-processor-region1",
                "health-service-region1", "web-ui-region1", "egress-firewall-region1", "catalog-api-region2",
                "background-processor-region2", "health-service-region2", "web-ui-region2", "egress-firewall-region2",
                "edge");
        Topology.ServiceNode api = TOPOLOGY.stamp("region2").catalogApi();
        assertThat(listeners.get("catalog-api-region2"))
                .isEqualTo(new InetSocketAddress(api.address(), api.managementPort()));
        assertThat(listeners.get("edge"))
                .isEqualTo(new InetSocketAddress(TOPOLOGY.edge().address(), TOPOLOGY.edge().managementPort()));
        assertThat(OperatorCaParts.leaves(TOPOLOGY, layout)).map(CaRotation.Leaf::holder).containsExactly(
                "operator", "health-service-region1 (scraper.region1)", "health-service-region2 (scraper.region2)");
    }

    @Test
    void theOperatorsCertificateFromTheNewCaIsInUseOnceItsKeystoreAndPasswordHoldIt() throws Exception {
        RunLayout layout = new RunLayout(run);
        CertificateAuthority old = CertificateAuthority.loadOrCreate(layout.operatorCaDir(), "t operator CA");
        Files.createDirectories(layout.operatorDir());
        X509Certificate first = StampPki.reissueOperator(layout, old);
        OperatorKeyStoreCheck check = new OperatorKeyStoreCheck(layout);
        assertThat(check.uses(first.getSerialNumber())).isTrue();

        CertificateAuthority next = CertificateAuthority.loadOrCreate(CaRotation.pending(layout.operatorCaDir()),
                "t operator CA");
        X509Certificate second = OperatorCaParts.leaves(TOPOLOGY, layout).get(0).reissue().apply(next);

        assertThat(check.uses(second.getSerialNumber())).isTrue();
        assertThat(check.uses(first.getSerialNumber())).isFalse();
        second.verify(next.certificate().getPublicKey());
        assertThat(second.getSubjectX500Principal().getName()).isEqualTo("CN=operator");
        assertThat(Pem.parseCertificate(Files.readString(layout.operatorDir().resolve("operator.crt"))))
                .isEqualTo(second);
        CertificateAuthority.loadOrCreate(layout.stampCaDir(), "t CA");
        assertThat(OperatorTls.context(layout)).as("the CLI's context from the new files").isNotNull();
    }

    @Test
    void aScrapeCertificateFromTheNewCaKeepsItsNameAndReplacesTheFilesHealthServiceReads() throws Exception {
        RunLayout layout = new RunLayout(run);
        CertificateAuthority next = CertificateAuthority.loadOrCreate(layout.operatorCaDir(), "t operator CA");
        Path scraper = layout.tlsDir(ServiceKind.HEALTH_SERVICE, "region2").resolve("scraper");
        Files.createDirectories(scraper);

        X509Certificate issued = OperatorCaParts.leaves(TOPOLOGY, layout).get(2).reissue().apply(next);

        assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=scraper.region2");
        issued.verify(next.certificate().getPublicKey());
        assertThat(Pem.parseCertificate(Files.readString(scraper.resolve("scraper.region2.crt")))).isEqualTo(issued);
        assertThat(Files.exists(scraper.resolve("scraper.region2.key"))).isTrue();
    }
}
