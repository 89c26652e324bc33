package dev.citadel.platform.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
