package dev.citadel.platform.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    @Test
    void issuedCertificateVerifiesAgainstTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");
        IssuedCertificate issued = ca.issue("node-1", CertificateProfile.SERVER, List.of("localhost"), List.of("127.0.0.1"));

        issued.certificate().verify(ca.certificate().getPublicKey());
        issued.certificate().checkValidity();
        assertThat(issued.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(issued.certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void issuedCertificateCarriesDnsAndIpSubjectAlternativeNames() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");
        X509Certificate cert = ca.issue("node-1", CertificateProfile.SERVER, List.of("localhost", "node-1.local"),
                List.of("127.100.2.3")).certificate();

        assertThat(cert.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(2, "node-1.local"), List.of(7, "127.100.2.3"));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=node-1");
    }

    @Test
    void keyUsageAndExtendedKeyUsageFollowTheProfile() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");

        X509Certificate server = ca.issue("s", CertificateProfile.SERVER, List.of(), List.of()).certificate();
        X509Certificate client = ca.issue("c", CertificateProfile.CLIENT, List.of(), List.of()).certificate();
        X509Certificate both = ca.issue("b", CertificateProfile.SERVER_AND_CLIENT, List.of(), List.of()).certificate();

        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(both.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        // digitalSignature only: ECDHE key exchange signs, it never encrypts with the certificate key.
        assertThat(server.getKeyUsage()[0]).isTrue();
        assertThat(server.getKeyUsage()[5]).isFalse();
        assertThat(ca.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
    }

    @Test
    void secondLoadReusesThePersistedCa() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");
        IssuedCertificate issued = first.issue("n", CertificateProfile.SERVER, List.of(), List.of());

        CertificateAuthority second = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "other-name");

        assertThat(second.certificate()).isEqualTo(first.certificate());
        issued.certificate().verify(second.certificate().getPublicKey());
        IssuedCertificate later = second.issue("m", CertificateProfile.SERVER, List.of(), List.of());
        later.certificate().verify(first.certificate().getPublicKey());
    }

    @Test
    void caKeyAndDirectoryAreOwnerOnly() throws Exception {
        CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");

        assertThat(Files.getPosixFilePermissions(dir.resolve("ca"))).isEqualTo(SecureFiles.OWNER_ONLY_DIR);
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca/ca.key"))).isEqualTo(SecureFiles.OWNER_ONLY_FILE);
        assertThat(Files.readString(dir.resolve("ca/ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void bundleWritesPemAndPkcs12WithAGeneratedPassword() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");
        TlsBundle bundle = ca.issue("node-1", CertificateProfile.SERVER_AND_CLIENT, List.of("localhost"), List.of("127.0.0.1"))
                .writeBundle(dir.resolve("tls"));

        KeyStore keyStore = KeyStores.load(bundle.keyStore(), bundle.password());
        PrivateKey key = (PrivateKey) keyStore.getKey("node-1", bundle.password().revealChars());
        X509Certificate leaf = (X509Certificate) keyStore.getCertificate("node-1");
        assertThat(keyStore.getCertificateChain("node-1")).hasSize(2);
        assertThat(signsFor(key, leaf)).isTrue();
        KeyStore trustStore = KeyStores.load(bundle.trustStore(), bundle.password());
        assertThat(trustStore.getCertificate("citadel-ca")).isEqualTo(ca.certificate());
        assertThat(Pem.parsePrivateKey(Files.readString(bundle.privateKeyPem()), "EC")).isEqualTo(key);
        for (Path p : List.of(bundle.keyStore(), bundle.trustStore(), bundle.privateKeyPem(), bundle.certificatePem())) {
            assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(SecureFiles.OWNER_ONLY_FILE);
        }
        assertThat(bundle.password().reveal()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void bundleIsReusedWhileCaAndNamesMatchAndReissuedOtherwise() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");
        TlsBundle first = TlsBundle.loadOrIssue(ca, dir.resolve("tls"), "n", CertificateProfile.SERVER,
                List.of("localhost"), List.of("127.0.0.1"));
        TlsBundle again = TlsBundle.loadOrIssue(ca, dir.resolve("tls"), "n", CertificateProfile.SERVER,
                List.of("localhost"), List.of("127.0.0.1"));
        TlsBundle moved = TlsBundle.loadOrIssue(ca, dir.resolve("tls"), "n", CertificateProfile.SERVER,
                List.of("localhost"), List.of("127.0.0.2"));

        assertThat(again.password()).isEqualTo(first.password());
        assertThat(moved.password()).isNotEqualTo(first.password());
    }

    @Test
    void refusesAnIpSanThatIsNotALiteralAddress() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test-ca");

        assertThatThrownBy(() -> ca.issue("n", CertificateProfile.SERVER, List.of(), List.of("example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean signsFor(PrivateKey key, X509Certificate cert) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(cert.getPublicKey());
        s.update(new byte[] {1, 2, 3});
        return s.verify(sig);
    }
}
