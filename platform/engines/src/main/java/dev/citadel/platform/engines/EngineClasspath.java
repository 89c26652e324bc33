package dev.citadel.platform.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The runtime classpath of each engine, recorded at build time by the {@code cassandra-dist} and
 * {@code kafka-dist} modules (absolute jar paths in the local Maven repository). Each engine gets
 * its own: Cassandra's and Kafka's dependencies must never meet on one classpath.
 */
public final class EngineClasspath {

    private EngineClasspath() {
    }

    public static String cassandra() {
        return read("dev/citadel/engines/cassandra.classpath");
    }

    public static String kafka() {
        return read("dev/citadel/engines/kafka.classpath");
    }

    /**
     * The classpath with every jar copied (hard-linked where possible) into {@code dir}, world-readable: an engine
     * running as its own account cannot read the caller's Maven repository (root's is under {@code /root}, 0700).
     * Copies are kept and only replaced when the source changed size or time.
     */
    public static String sharedCopy(String classpath, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> copies = new ArrayList<>();
            String[] jars = classpath.split(":");
            for (int i = 0; i < jars.length; i++) {
                Path source = Path.of(jars[i]);
                // Numbered: two artifacts of one classpath may share a file name; the order is the classpath's.
                Path copy = dir.resolve(String.format("%03d-%s", i, source.getFileName()));
                if (!sameFile(source, copy)) {
                    Files.deleteIfExists(copy);
                    try {
                        Files.createLink(copy, source);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                if (!Files.getPosixFilePermissions(copy).containsAll(READABLE)) {
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
                copies.add(copy.toString());
            }
            return String.join(":", copies);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the engine jars into " + dir, e);
        }
    }

    private static final java.util.Set<PosixFilePermission> READABLE =
            java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private static boolean sameFile(Path source, Path copy) throws IOException {
        return Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) && Files.size(copy) == Files.size(source)
                && Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(source));
    }

    /** The java launcher of the running JVM: the engines run on the same Java as their parent. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(String resource) {
        try (InputStream in = EngineClasspath.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing: build platform/engines/*-dist first "
                        + "(mvn -pl platform/engines/cassandra-dist,platform/engines/kafka-dist install)");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            List<String> missing = Arrays.stream(classpath.split(":")).filter(j -> !Files.exists(Path.of(j))).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(missing.size() + " engine jars of " + resource
                        + " are not in the local Maven repository (e.g. " + missing.get(0) + "); rebuild the *-dist modules");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
