package dev.citadel.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.pki.Pem;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status lists every certificate of the run directory with its expiry and warns about those within 30 days. */
class CertificateExpiryTest {

    @TempDir
    Path run;

    private static X509Certificate issue(String cn, Duration validFor, long serial) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + cn);
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(validFor)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private void write(String path, X509Certificate c) throws Exception {
        Path file = run.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Pem.certificate(c));
    }

    @Test
    void listsEachCertificateWithItsFilesAndWarnsOnlyAboutTheShortLivedOne() throws Exception {
        X509Certificate shortLived = issue("catalog-api.region1", Duration.ofDays(10), 1);
        X509Certificate longLived = issue("citadel-ca", Duration.ofDays(825), 2);
        write("stamps/region1/catalog-api/tls/server.crt", shortLived);
        write("pki/ca/ca.crt", longLived);
        write("stamps/region1/catalog-api/tls/ca.crt", longLived);
        write("nodes/cassandra-region1/data/ignored.crt", issue("in-engine-data", Duration.ofDays(1), 3));
        Files.writeString(run.resolve("pki/ca/ca.key"), "not a certificate");
        Files.writeString(run.resolve("pki/ca/broken.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");

        var entries = CertificateExpiry.scan(run);
        assertThat(entries).extracting(CertificateExpiry.Entry::subject).containsExactly("CN=catalog-api.region1", "CN=citadel-ca");
        assertThat(entries.get(1).files()).containsExactly(Path.of("pki/ca/ca.crt"),
                Path.of("stamps/region1/catalog-api/tls/ca.crt"));

        String text = CertificateExpiry.render(entries, Instant.now());
        assertThat(text).contains("CERTIFICATES (2)").contains("CN=citadel-ca").contains("824 days left");
        var warnings = CertificateExpiry.warnings(entries, Instant.now());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("WARNING: certificate CN=catalog-api.region1 expires")
                .contains("9 days left").contains("stamps/region1/catalog-api/tls/server.crt");
        assertThat(CertificateExpiry.warnings(entries, Instant.now().plus(Duration.ofDays(820))))
                .as("both within 30 days of then").hasSize(2);
    }

    @Test
    void anEmptyOrMissingRunDirectoryHasNoCertificates() {
        assertThat(CertificateExpiry.scan(run)).isEmpty();
        assertThat(CertificateExpiry.scan(run.resolve("absent"))).isEmpty();
        assertThat(CertificateExpiry.render(CertificateExpiry.scan(run), Instant.now())).isEmpty();
    }
}
