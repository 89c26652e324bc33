package dev.citadel.platform.engines.jmxagent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the JMX agent jar for {@code -javaagent}: the agent's classes, taken from this library's own class files,
 * and a manifest naming {@link JmxAgent} as premain class. The engine JVM has its own classpath (Cassandra's jars),
 * so the agent carries exactly the JDK-only classes it runs.
 */
public final class AgentJar {

    static final List<Class<?>> CLASSES = List.of(JmxAgent.class, LoopbackSslServerSocketFactory.class,
            HashedPasswordAuthenticator.class);

    private AgentJar() {
    }

    /** Writes (or replaces) the jar atomically and returns its path. */
    public static Path write(Path jar) {
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), ".agent", ".tmp");
            try {
                Files.write(tmp, bytes());
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JMX agent jar " + jar, e);
        }
    }

    static byte[] bytes() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), JmxAgent.class.getName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Class<?> c : CLASSES) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = AgentJar.class.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("class file " + entry + " not found");
                    }
                    jar.putNextEntry(new JarEntry(entry));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }
}
