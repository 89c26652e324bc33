package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void onJdk25TheServicesUseTheAotCacheWrittenByTheirFirstRunInsteadOfACdsArchive() {
        Path jar = Path.of("/run/x/extracted/catalog-api.jar");
        Path cache = Path.of("/run/x/extracted/cds/catalog-api-region1/catalog-api-region1.aot");
        Path cdsArchive = Path.of("/run/x/extracted/cds/catalog-api-region1/catalog-api-region1.jsa");

        List<String> training = ClassDataSharing.options(jar, "catalog-api-region1", Set.of(cdsArchive)::contains, true,
                true);
        List<String> using = ClassDataSharing.options(jar, "catalog-api-region1", Set.of(cache)::contains, true, true);

        assertThat(training).containsExactly("-XX:AOTCacheOutput=" + cache + ".new", ClassDataSharing.QUIET_AOT_LOG);
        assertThat(using).containsExactly("-XX:AOTCache=" + cache, ClassDataSharing.QUIET_AOT_LOG);
        assertThat(ClassDataSharing.archiveDir(training)).contains(cache.getParent());
        assertThat(ClassDataSharing.archiveDir(using)).contains(cache.getParent());
        assertThat(training).filteredOn(ClassDataSharing::isArchiveOption).hasSize(1);
        assertThat(using).filteredOn(ClassDataSharing::isArchiveOption).hasSize(1);
        // Java 17 keeps its CDS archive, and ignores a cache it cannot read.
        assertThat(ClassDataSharing.options(jar, "catalog-api-region1", Set.of(cache, cdsArchive)::contains, true,
                false)).first().isEqualTo("-XX:SharedArchiveFile=" + cdsArchive);
    }

    @Test
    void promotesAnAotCacheTheJdk25CanMapAndDeletesATruncatedOne() throws Exception {
        ServiceJava jdk25 = ServiceJava.choose(ServiceJava.JVM_ROOT, JAVA);
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk25.aotCache(), "needs a temurin-25 JDK in /usr/lib/jvm");
        Path jar = emptyJar(dir.resolve("app.jar"));
        Path good = dir.resolve("svc-a.aot.new");
        // The one-step workflow as a service runs it: the cache is assembled when the JVM exits.
        Process training = new ProcessBuilder(jdk25.executable(), "-XX:AOTCacheOutput=" + good,
                ClassDataSharing.QUIET_AOT_LOG, "-cp", jar.toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(training.waitFor()).isZero();
        assertThat(good).isRegularFile();
        byte[] bytes = Files.readAllBytes(good);
        Files.write(dir.resolve("svc-b.aot.new"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // What a training JVM killed before its cache was assembled leaves behind.
        Files.writeString(dir.resolve("svc-c.aot.new.config"), "x");
        Files.writeString(dir.resolve("svc-c.aot.new"), "x");

        ClassDataSharing.promoteTrained(dir, jdk25.executable(), jar);

        assertThat(dir.resolve("svc-a.aot")).isRegularFile();
        assertThat(good).doesNotExist();
        assertThat(dir.resolve("svc-b.aot")).doesNotExist();
        assertThat(dir.resolve("svc-b.aot.new")).doesNotExist();
        assertThat(dir.resolve("svc-c.aot")).doesNotExist();
        assertThat(dir.resolve("svc-c.aot.new.config")).doesNotExist();
        // Java 17 cannot read it: its check fails and the file goes rather than being offered to a JVM.
        Files.move(dir.resolve("svc-a.aot"), good);
        ClassDataSharing.promoteTrained(dir, JAVA, jar);
        assertThat(dir.resolve("svc-a.aot")).doesNotExist();
        assertThat(good).doesNotExist();
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
        Files.writeString(dir.resolve("edge.aot"), "x");
        Files.writeString(dir.resolve("edge.aot.new"), "x");
        Files.writeString(dir.resolve("edge.aot.new.config"), "x");
        Files.writeString(dir.resolve("edge-gateway.jar"), "x");

        ClassDataSharing.forget(dir);

        assertThat(dir).isDirectoryNotContaining(p -> p.toString().contains(".jsa") || p.toString().contains(".aot"));
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
