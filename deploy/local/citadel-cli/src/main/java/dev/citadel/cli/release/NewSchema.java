package dev.citadel.cli.release;

import dev.citadel.catalog.schema.Migration;
import dev.citadel.catalog.schema.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The schema versions a new build brings: read from the {@code Migrations} of the catalog-core library inside the new
 * catalog-api jar (loaded child-first, so it is the new version's class, not this CLI's), compared with the versions
 * this CLI applies ({@code up}'s schema). {@link SchemaCompatibility} then judges their statements.
 */
public final class NewSchema {

    private static final String PACKAGE = "dev.citadel.catalog.schema.";

    /** One schema version the new build has and the running schema does not. */
    public record Pending(int version, String description, List<String> statements) {}

    private NewSchema() {}

    /** The versions above the running schema's, in order. */
    public static List<Pending> pending(Path catalogApiJar) {
        int current = Migrations.ALL.get(Migrations.ALL.size() - 1).version();
        List<Pending> pending = new ArrayList<>();
        for (Pending p : migrationsOf(catalogApiJar)) {
            if (p.version() > current) {
                pending.add(p);
            }
        }
        return pending;
    }

    static List<Pending> migrationsOf(Path catalogApiJar) {
        Path library = null;
        try (ZipFile jar = new ZipFile(catalogApiJar.toFile())) {
            ZipEntry entry = jar.stream().filter(e -> e.getName().matches("BOOT-INF/lib/catalog-core-[^/]*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(catalogApiJar
                            + " holds no catalog-core library: not a catalog-api build"));
            library = Files.createTempFile("citadel-release-catalog-core", ".jar");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
            try (ChildFirst loader = new ChildFirst(library.toUri().toURL(), NewSchema.class.getClassLoader())) {
                Class<?> migrations = loader.loadClass(PACKAGE + "Migrations");
                List<?> all = (List<?>) migrations.getField("ALL").get(null);
                List<Pending> result = new ArrayList<>();
                for (Object m : all) {
                    Method version = m.getClass().getMethod("version");
                    Method description = m.getClass().getMethod("description");
                    Method statements = m.getClass().getMethod("statements");
                    @SuppressWarnings("unchecked")
                    List<String> cql = (List<String>) statements.invoke(m);
                    result.add(new Pending((Integer) version.invoke(m), (String) description.invoke(m), cql));
                }
                return result;
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the schema versions of " + catalogApiJar + ": " + e, e);
        } finally {
            if (library != null) {
                try {
                    Files.deleteIfExists(library);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** Loads the schema package from the new library first; everything else (the driver) from this CLI. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL library, ClassLoader parent) {
            super(new URL[] {library}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** For this CLI's own build: its versions, as a new build of the same sources would bring them. */
    static List<Pending> own() {
        return Migrations.ALL.stream().map((Migration m) -> new Pending(m.version(), m.description(), m.statements()))
                .toList();
    }
}
