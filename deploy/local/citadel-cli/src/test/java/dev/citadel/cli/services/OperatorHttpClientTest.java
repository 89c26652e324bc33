package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.cli.provision.StampPki;
import dev.citadel.platform.pki.CertificateAuthority;
import dev.citadel.platform.pki.Pem;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorHttpClientTest {

    @TempDir
    Path run;

    @Test
    void buildsANewClientWhenTheOperatorsFilesChangeAndKeepsTheLastWhileTheyCannotBeOpened() throws Exception {
        RunLayout layout = new RunLayout(run);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(layout.stampCaDir(), "t CA");
        Files.writeString(layout.stampCaPem(), Pem.certificate(ca.certificate()));
        CertificateAuthority operatorCa = CertificateAuthority.loadOrCreate(layout.operatorCaDir(), "t operator CA");
        Files.createDirectories(layout.operatorDir());
        StampPki.reissueOperator(layout, operatorCa);
        OperatorHttpClient follower = new OperatorHttpClient(layout, Duration.ofSeconds(1));

        HttpClient first = follower.current();
        assertThat(follower.current()).as("unchanged files").isSameAs(first);

        Path password = layout.operatorDir().resolve("store.password");
        String kept = Files.readString(password);
        Files.writeString(password, "not-the-password");
        Files.setLastModifiedTime(password, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(follower.current()).as("a keystore beside another password").isSameAs(first);

        Files.writeString(password, kept);
        StampPki.reissueOperator(layout, operatorCa);
        Files.setLastModifiedTime(password, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(follower.current()).as("a reissued certificate").isNotSameAs(first);
    }
}
