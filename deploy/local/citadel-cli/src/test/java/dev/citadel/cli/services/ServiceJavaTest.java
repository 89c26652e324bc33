package dev.citadel.cli.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJavaTest {

    @TempDir
    Path jvm;

    @Test
    void theNewestTemurinFrom25OnRunsTheServicesWithItsAotCache() throws IOException {
        jdk("java-17-openjdk-amd64", true);
        jdk("temurin-21-jdk-amd64", true);
        jdk("temurin-25-jdk-amd64", true);
        jdk("temurin-26-jdk-amd64", true);

        ServiceJava chosen = ServiceJava.choose(jvm, "/usr/bin/java");

        assertThat(chosen.executable()).isEqualTo(jvm.resolve("temurin-26-jdk-amd64/bin/java").toString());
        assertThat(chosen.aotCache()).isTrue();
    }

    @Test
    void withoutAJdk25TheClisOwnJavaRunsThemWithCdsArchives() throws IOException {
        jdk("java-17-openjdk-amd64", true);
        jdk("temurin-21-jdk-amd64", true);
        // A directory without an executable java (a half-removed package) is no JDK.
        jdk("temurin-25-jdk-amd64", false);
        Files.createDirectories(jvm.resolve("temurin-99999999999-jdk/bin"));

        assertThat(ServiceJava.choose(jvm, "/usr/bin/java")).isEqualTo(new ServiceJava("/usr/bin/java", false));
        assertThat(ServiceJava.choose(jvm.resolve("missing"), "/usr/bin/java"))
                .isEqualTo(new ServiceJava("/usr/bin/java", false));
    }

    private void jdk(String name, boolean executable) throws IOException {
        Path java = Files.createDirectories(jvm.resolve(name).resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
