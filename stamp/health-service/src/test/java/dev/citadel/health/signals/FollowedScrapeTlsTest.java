package dev.citadel.health.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.CertificateProfile;
import dev.citadel.platform.pki.IssuedCertificate;
import dev.citadel.platform.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedScrapeTlsTest {

    @TempDir
    Path dir;

    @Test
    void keepsItsContextUntilAFileChangesThenBuildsOneFromTheNewFiles() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test operator CA");
        Path cert = dir.resolve("scraper.crt");
        Path key = dir.resolve("scraper.key");
        Path trust = dir.resolve("ca.crt");
        write(ca.issue("scraper.region1", CertificateProfile.CLIENT, List.of(), List.of()), cert, key, trust, 1);
        FollowedScrapeTls tls = new FollowedScrapeTls(cert, key, trust);

        SSLContext first = tls.context();
        assertThat(tls.context()).as("nothing changed").isSameAs(first);

        CertificateAuthority next = CertificateAuthority.loadOrCreate(dir.resolve("next"), "test operator CA 2");
        write(next.issue("scraper.region1", CertificateProfile.CLIENT, List.of(), List.of()), cert, key, trust, 2);
        assertThat(tls.context()).as("a rotated certificate").isNotSameAs(first);
    }

    @Test
    void keepsThePreviousContextWhileTheNewCertificateSitsBesideTheOldKey() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test operator CA");
        Path cert = dir.resolve("scraper.crt");
        Path key = dir.resolve("scraper.key");
        Path trust = dir.resolve("ca.crt");
        write(ca.issue("scraper.region1", CertificateProfile.CLIENT, List.of(), List.of()), cert, key, trust, 1);
        FollowedScrapeTls tls = new FollowedScrapeTls(cert, key, trust);
        SSLContext first = tls.context();

        IssuedCertificate rotated = ca.issue("scraper.region1", CertificateProfile.CLIENT, List.of(), List.of());
        Files.writeString(cert, Pem.certificate(rotated.certificate()));
        Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plusSeconds(2)));
        assertThat(tls.context()).as("certificate written, key not yet").isSameAs(first);

        Files.writeString(key, Pem.privateKey(rotated.privateKey()));
        Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(2)));
        assertThat(tls.context()).as("the pair complete").isNotSameAs(first);
    }

    /** Modification times moved apart explicitly: two writes within one clock tick would look unchanged. */
    private static void write(IssuedCertificate issued, Path cert, Path key, Path trust, int generation)
            throws Exception {
        issued.writePem(cert, key, trust);
        FileTime at = FileTime.from(Instant.now().plusSeconds(generation * 10L));
        for (Path p : List.of(cert, key, trust)) {
            Files.setLastModifiedTime(p, at);
        }
    }
}
