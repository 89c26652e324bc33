package dev.citadel.cli.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.schema.Migrations;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewSchemaTest {

    @TempDir
    Path dir;

    /** A Spring Boot fat jar whose BOOT-INF/lib holds a catalog-core library built from this build's classes. */
    private Path fatJar() throws Exception {
        Path location = Path.of(Migrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path library = dir.resolve("catalog-core-9.9.jar");
        if (Files.isDirectory(location)) {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(library));
                 Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    zip.putNextEntry(new ZipEntry(location.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                }
            }
        } else {
            Files.copy(location, library);
        }
        Path fat = dir.resolve("catalog-api.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(fat))) {
            zip.putNextEntry(new ZipEntry("BOOT-INF/lib/" + library.getFileName()));
            Files.copy(library, zip);
            zip.closeEntry();
        }
        return fat;
    }

    @Test
    void readsTheVersionsOfTheLibraryInsideTheNewJar() throws Exception {
        Path fat = fatJar();
        assertThat(NewSchema.migrationsOf(fat)).isEqualTo(NewSchema.own());
        // A build of these very sources brings nothing beyond what runs.
        assertThat(NewSchema.pending(fat)).isEmpty();
    }

    @Test
    void aJarWithoutCatalogCoreIsNotACatalogApiBuild() throws IOException {
        Path empty = dir.resolve("other.jar");
        try (OutputStream out = Files.newOutputStream(empty); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> NewSchema.migrationsOf(empty)).hasMessageContaining("holds no catalog-core library");
    }
}
