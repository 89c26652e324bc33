package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import dev.citadel.platform.engines.process.FileOwnership;
import dev.citadel.platform.engines.process.LaunchPrefix;
import dev.citadel.platform.engines.process.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path dir;

    @Test
    void launchesTheExtractedCopyOfABootJarOnceItExistsAndTheEdgeJarAsItIs() {
        Path boot = Path.of("/run/jars/stamp/web-ui/target/web-ui.jar");
        Path extracted = Path.of("/run/jars/stamp/web-ui/target/extracted/web-ui.jar");
        Path edge = Path.of("/run/jars/global/edge-gateway/target/edge-gateway.jar");

        assertThat(ClassDataSharing.launchJar(boot, ServiceKind.WEB_UI, Set.of(boot, extracted)::contains))
                .isEqualTo(extracted);
        assertThat(ClassDataSharing.launchJar(boot, ServiceKind.WEB_UI, Set.of(boot)::contains)).isEqualTo(boot);
        assertThat(ClassDataSharing.launchJar(edge, ServiceKind.EDGE, p -> true)).isEqualTo(edge);
    }

    @Test
    void usesAComponentsArchiveWhenPresentAndOtherwiseWritesOneAtExit() {
        Path jar = Path.of("/run/x/extracted/catalog-api.jar");
        Path archive = Path.of("/run/x/extracted/catalog-api-region1.jsa");

        assertThat(ClassDataSharing.options(jar, "catalog-api-region1", Set.of(archive)::contains))
                .containsExactly("-XX:SharedArchiveFile=" + archive, ClassDataSharing.QUIET_CDS_LOG);
        assertThat(ClassDataSharing.options(jar, "catalog-api-region1", p -> false)).containsExactly(
                "-XX:ArchiveClassesAtExit=/run/x/extracted/catalog-api-region1.jsa.new", ClassDataSharing.QUIET_CDS_LOG);
    }

    @Test
    void promotesAnArchiveTheJvmCanMapAndDeletesATruncatedOne() throws Exception {
        Path jar = emptyJar(dir.resolve("app.jar"));
        Path good = dir.resolve("svc-a.jsa.new");
        Process dump = new ProcessBuilder(JAVA, "-XX:ArchiveClassesAtExit=" + good, "-cp", jar.toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(dump.waitFor()).isZero();
        assertThat(good).isRegularFile();
        // What a JVM killed while writing its archive leaves behind: mapping it would crash the service.
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("svc-b.jsa.new"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        ClassDataSharing.promoteTrained(dir, JAVA, jar);

        assertThat(dir.resolve("svc-a.jsa")).isRegularFile();
        assertThat(good).doesNotExist();
        assertThat(dir.resolve("svc-b.jsa")).doesNotExist();
        assertThat(dir.resolve("svc-b.jsa.new")).doesNotExist();
        assertThat(dir.resolve("cds-check-error.log")).doesNotExist();
    }

    @Test
    void anArchiveInAComponentsOwnDirectoryIsCheckedAsThatComponentAndStaysItsOwn() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ProcessIdentity.effectiveRoot(), "needs root: creates an account");
        ProcessIdentity account = ProcessIdentity.of("cds-test").ensureExists();
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path jar = emptyJar(dir.resolve("app.jar"));
        Files.setPosixFilePermissions(jar, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path own = Files.createDirectories(dir.resolve("cds/svc-a"));
        Path trained = own.resolve("svc-a.jsa.new");
        Process dump = new ProcessBuilder(JAVA, "-XX:ArchiveClassesAtExit=" + trained, "-cp", jar.toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(dump.waitFor()).isZero();
        Files.setPosixFilePermissions(dir.resolve("cds"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        FileOwnership.giveTree(own, account);

        ClassDataSharing.promoteTrained(own, JAVA, jar, LaunchPrefix.runAs(account));

        assertThat(own.resolve("svc-a.jsa")).isRegularFile();
        assertThat(Files.getOwner(own.resolve("svc-a.jsa")).getName()).isEqualTo(account.user());
        // The same check as an account that cannot read the archive fails, and the archive is dropped, never used.
        Files.move(own.resolve("svc-a.jsa"), trained);
        Files.setPosixFilePermissions(trained, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        ProcessIdentity stranger = ProcessIdentity.of("cds-test-other").ensureExists();
        ClassDataSharing.promoteTrained(own, JAVA, jar, LaunchPrefix.runAs(stranger));
        assertThat(own.resolve("svc-a.jsa")).doesNotExist();
    }

    @Test
    void forgetsEveryArchiveWhenTheJarIsReplaced() throws Exception {
        Files.writeString(dir.resolve("edge.jsa"), "x");
        Files.writeString(dir.resolve("edge.jsa.new"), "x");
        Files.writeString(dir.resolve("edge-gateway.jar"), "x");

        ClassDataSharing.forget(dir);

        assertThat(dir).isDirectoryNotContaining(p -> p.toString().contains(".jsa"));
        assertThat(dir.resolve("edge-gateway.jar")).isRegularFile();
    }

    private static Path emptyJar(Path path) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        return path;
    }
}
