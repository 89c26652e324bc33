package dev.citadel.cli.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The java that runs the services and the edge. A Temurin JDK 25 or newer under {@code /usr/lib/jvm} when there is one:
 * its ahead-of-time cache (JEP 483/514/515: classes loaded and linked, and method profiles, from a training run)
 * starts a Spring Boot service with less CPU than Java 17's class-data sharing; otherwise the java running the CLI,
 * with {@link ClassDataSharing}'s CDS archives. The engines keep their own java (platform/engines).
 *
 * @param executable the java binary
 * @param aotCache whether it takes {@code -XX:AOTCache}/{@code -XX:AOTCacheOutput} (JDK 25+) instead of CDS archives
 */
public record ServiceJava(String executable, boolean aotCache) {

    /** Where Debian's and Adoptium's packages put their JDKs. */
    static final Path JVM_ROOT = Path.of("/usr/lib/jvm");
    /** The first release whose {@code -XX:AOTCacheOutput} makes a cache in one run (JEP 514). */
    static final int AOT_CACHE_FEATURE = 25;
    private static final Pattern TEMURIN = Pattern.compile("temurin-(\\d{1,4})(-.*)?");

    /** The services' java on this machine. */
    public static ServiceJava current() {
        return choose(JVM_ROOT, SupervisorProcess.java());
    }

    /** The newest {@code temurin-<N>*} JDK with {@code N >= 25} under {@code jvmRoot}, else {@code fallback} with CDS. */
    static ServiceJava choose(Path jvmRoot, String fallback) {
        if (!Files.isDirectory(jvmRoot)) {
            return new ServiceJava(fallback, false);
        }
        try (Stream<Path> jdks = Files.list(jvmRoot)) {
            Optional<Path> newest = jdks
                    .filter(d -> feature(d) >= AOT_CACHE_FEATURE)
                    .filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .max(Comparator.comparingInt(ServiceJava::feature).thenComparing(Path::toString));
            return newest.map(d -> new ServiceJava(d.resolve("bin/java").toString(), true))
                    .orElse(new ServiceJava(fallback, false));
        } catch (IOException e) {
            return new ServiceJava(fallback, false);
        }
    }

    private static int feature(Path jdk) {
        Matcher m = TEMURIN.matcher(jdk.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }
}
