package dev.citadel.cli.services;

import dev.citadel.platform.engines.process.LaunchPrefix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Application class-data sharing for the services: the second {@code up} starts them from a class archive written
 * when the first run's JVMs exited, instead of loading and verifying every class again. Measured here on web-ui:
 * 18–19 s of CPU to start from the fat jar, 12–13 s from an archive. On this 2-core machine nine Spring Boot JVMs
 * start at once, so start-up CPU is start-up time.
 * <ul>
 *   <li>A Spring Boot jar is extracted once per build ({@code java -Djarmode=tools extract}): the JVM archives only
 *       classes loaded from plain jars, not from jars nested in a jar. The edge's jar is already flat.</li>
 *   <li>Without an archive a service runs with {@code -XX:ArchiveClassesAtExit=<component>.jsa.new}; the JVM writes
 *       it when it exits (a graceful {@code down}). Before the next launch {@link #promoteTrained} checks each new
 *       archive in a throwaway JVM and only then renames it to {@code <component>.jsa}: a JVM killed while writing
 *       leaves a truncated archive, and mapping one crashes the JVM (SIGBUS, seen here), so none is ever used
 *       unchecked.</li>
 *   <li>A rebuilt jar is extracted again and its archives deleted; a stale archive the JVM rejects only costs
 *       the speed-up ({@code -Xshare:auto}, the default).</li>
 * </ul>
 */
public final class ClassDataSharing {
    static final String EXTRACTED = "extracted";
    static final String CDS_DIR = "cds";
    static final String ARCHIVE = ".jsa";
    static final String TRAINING = ".jsa.new";
    static final String AOT_CACHE = ".aot";
    static final String AOT_TRAINING = ".aot.new";
    /** The one-step workflow's configuration, beside the cache it is assembled into; removed by the JVM when done. */
    static final String AOT_CONFIG = ".aot.new.config";
    /** The archive's preload warnings (classes that fail verification ahead of time) are noise in service logs. */
    static final String QUIET_CDS_LOG = "-Xlog:cds=error,cds+dynamic=error";
    /** Likewise for the AOT cache: classes it skips (JFR events, classes not linked at exit) are warned about. */
    static final String QUIET_AOT_LOG = "-Xlog:aot=error,cds=error";
    /** The options that name an archive or cache: a release's second unit runs without them. */
    static final List<String> ARCHIVE_OPTIONS = List.of("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=",
            "-XX:AOTCache=", "-XX:AOTCacheOutput=");

    private ClassDataSharing() {}

    /**
     * The jar to launch for {@code kind}: the extracted copy of a Spring Boot jar when it exists, else the jar
     * itself (the edge, or a Boot jar not extracted yet).
     */
    public static Path launchJar(Path jar, ServiceKind kind, Predicate<Path> exists) {
        if (!kind.springBoot()) {
            return jar;
        }
        Path extracted = extractedJar(jar);
        return exists.test(extracted) ? extracted : jar;
    }

    /** The JVM options for one component launched from {@code launchJar}: use its archive, or write one at exit. */
    public static List<String> options(Path launchJar, String component, Predicate<Path> exists) {
        return options(launchJar, component, exists, false);
    }

    /**
     * Like {@link #options(Path, String, Predicate)}; with {@code ownDirectory} (the component runs as its own account,
     * which cannot write beside the shared jar) the archive lives in {@code cds/<component>/} beside the jar, a
     * directory that component owns and no other can write: an archive is only ever mapped by the JVM that wrote it.
     */
    public static List<String> options(Path launchJar, String component, Predicate<Path> exists, boolean ownDirectory) {
        return options(launchJar, component, exists, ownDirectory, false);
    }

    /**
     * With {@code aotCache} (the services' java is JDK 25+, {@link ServiceJava}) the JDK's ahead-of-time cache in
     * place of the CDS archive: {@code -XX:AOTCacheOutput} in the training run (the one-step workflow of JEP 514:
     * at exit the JVM records its configuration and a child JVM assembles the cache before the service's JVM
     * exits), {@code -XX:AOTCache} once {@link #prepare} has checked the file.
     */
    public static List<String> options(Path launchJar, String component, Predicate<Path> exists, boolean ownDirectory,
                                       boolean aotCache) {
        Path base = ownDirectory ? launchJar.resolveSibling(CDS_DIR).resolve(component).resolve(component)
                : launchJar.resolveSibling(component);
        if (aotCache) {
            Path cache = Path.of(base + AOT_CACHE);
            if (exists.test(cache)) {
                return List.of("-XX:AOTCache=" + cache, QUIET_AOT_LOG);
            }
            return List.of("-XX:AOTCacheOutput=" + base + AOT_TRAINING, QUIET_AOT_LOG);
        }
        Path archive = Path.of(base + ARCHIVE);
        if (exists.test(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, QUIET_CDS_LOG);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + base + TRAINING, QUIET_CDS_LOG);
    }

    /** The component's own archive directory named in its argv ({@code cds/<component>/}), if it has one. */
    public static java.util.Optional<Path> archiveDir(List<String> argv) {
        for (String a : argv) {
            for (String option : ARCHIVE_OPTIONS) {
                if (a.startsWith(option)) {
                    Path dir = Path.of(a.substring(option.length())).getParent();
                    if (dir != null && dir.getParent() != null && dir.getParent().getFileName().toString().equals(CDS_DIR)) {
                        return java.util.Optional.of(dir);
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code arg} names a class archive or AOT cache (each belongs to one component's JVM). */
    public static boolean isArchiveOption(String arg) {
        return ARCHIVE_OPTIONS.stream().anyMatch(arg::startsWith);
    }

    static Path extractedJar(Path bootJar) {
        return bootJar.resolveSibling(EXTRACTED).resolve(bootJar.getFileName());
    }

    /**
     * Extracts every Spring Boot jar under {@code root} that changed since its last extraction, then promotes the
     * archives the previous run wrote. Failures only cost the speed-up: the fat jar still runs.
     */
    public static void prepare(Path root, String java) {
        prepare(root, java, component -> LaunchPrefix.NONE);
    }

    /**
     * Like {@link #prepare(Path, String)}; the archives in components' own directories are checked by a JVM running
     * as that component ({@code prefixOf}): root never maps an archive another account wrote.
     */
    public static void prepare(Path root, String java, Function<String, LaunchPrefix> prefixOf) {
        for (ServiceKind kind : ServiceKind.values()) {
            Path jar = root.resolve(kind.jar());
            if (!Files.isRegularFile(jar)) {
                continue;
            }
            Path dir = kind.springBoot() ? extract(jar, java) : jar.getParent();
            if (dir != null) {
                Path launch = kind.springBoot() ? extractedJar(jar) : jar;
                promoteTrained(dir, java, launch);
                try (Stream<Path> owned = Files.isDirectory(dir.resolve(CDS_DIR)) ? Files.list(dir.resolve(CDS_DIR)) : Stream.empty()) {
                    for (Path own : owned.filter(Files::isDirectory).toList()) {
                        LaunchPrefix prefix;
                        try {
                            prefix = prefixOf.apply(own.getFileName().toString());
                        } catch (IllegalArgumentException e) {
                            continue; // not a component of this topology: left unchecked, so never used
                        }
                        promoteTrained(own, java, launch, prefix);
                    }
                } catch (IOException e) {
                    // only the speed-up is lost
                }
            }
        }
    }

    /** @return the directory holding the extracted jar, or null when extraction failed. */
    static Path extract(Path bootJar, String java) {
        Path dir = extractedJar(bootJar).getParent();
        Path stamp = dir.resolve(".source");
        try {
            String source = Files.size(bootJar) + " " + Files.getLastModifiedTime(bootJar).toMillis();
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)
                    && Files.isRegularFile(extractedJar(bootJar))) {
                return dir;
            }
            deleteTree(dir);
            // The archives of the previous build go with its extraction: the JVM would only reject them.
            if (run(List.of(java, "-Djarmode=tools", "-jar", bootJar.toString(), "extract", "--destination",
                    dir.toString()), bootJar.getParent()) != 0) {
                deleteTree(dir);
                return null;
            }
            Files.writeString(stamp, source);
            return dir;
        } catch (IOException e) {
            return null;
        }
    }

    /** Drops every archive in {@code dir}: called when the jar next to them is replaced. */
    static void forget(Path dir) {
        try {
            deleteTree(dir.resolve(CDS_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the class archives in " + dir, e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> isArchiveFile(f.getFileName().toString())).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the class archives in " + dir, e);
        }
    }

    private static boolean isArchiveFile(String name) {
        return name.endsWith(ARCHIVE) || name.endsWith(TRAINING) || name.endsWith(AOT_CACHE)
                || name.endsWith(AOT_TRAINING) || name.endsWith(AOT_CONFIG);
    }

    /**
     * Turns each {@code *.jsa.new} or {@code *.aot.new} that maps cleanly in a throwaway JVM into the archive or cache
     * the next launch uses. An AOT cache is checked with {@code -XX:AOTMode=on}, which refuses to start rather than
     * run without it; a CDS archive with {@code -Xshare:on}. A JVM that cannot read the other kind (a JDK 17 given a
     * leftover {@code .aot.new}) fails the check, and the file goes: only the speed-up is lost.
     */
    static void promoteTrained(Path dir, String java, Path jar) {
        promoteTrained(dir, java, jar, LaunchPrefix.NONE);
    }

    static void promoteTrained(Path dir, String java, Path jar, LaunchPrefix prefix) {
        List<Path> trained = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(TRAINING)
                    || f.getFileName().toString().endsWith(AOT_TRAINING)).forEach(trained::add);
        } catch (IOException e) {
            return;
        }
        for (Path candidate : trained) {
            String name = candidate.getFileName().toString();
            boolean aot = name.endsWith(AOT_TRAINING);
            String stem = name.substring(0, name.length() - (aot ? AOT_TRAINING : TRAINING).length());
            Path archive = dir.resolve(stem + (aot ? AOT_CACHE : ARCHIVE));
            try {
                // A configuration left by a training JVM killed before its cache was assembled.
                Files.deleteIfExists(dir.resolve(stem + AOT_CONFIG));
                Path crashReport = dir.resolve("cds-check-error.log");
                List<String> check = aot
                        ? List.of(java, "-XX:AOTMode=on", "-XX:AOTCache=" + candidate, "-XX:ErrorFile=" + crashReport,
                                "-cp", jar.toString(), "-version")
                        : List.of(java, "-Xshare:on", "-XX:SharedArchiveFile=" + candidate,
                                "-XX:ErrorFile=" + crashReport, "-cp", jar.toString(), "-version");
                boolean maps = run(prefix.apply(check), dir) == 0;
                Files.deleteIfExists(crashReport);
                if (maps) {
                    Files.move(candidate, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(candidate);
                }
            } catch (IOException e) {
                // Left as it is: the next up tries again, and the service runs without an archive meanwhile.
            }
        }
    }

    private static int run(List<String> argv, Path dir) throws IOException {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
