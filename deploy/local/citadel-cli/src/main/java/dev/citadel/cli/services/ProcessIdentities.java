package dev.citadel.cli.services;

import dev.citadel.platform.engines.process.FileOwnership;
import dev.citadel.platform.engines.process.LaunchPrefix;
import dev.citadel.platform.engines.process.ProcessIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;

/**
 * Which account each service runs as when {@code up} runs as root, and which files it owns. One account per service
 * and region ({@code citadel-catalog-api-region1}, {@code citadel-edge}, ...): a stamp is the unit of failure and of
 * compromise, so a broken service of one stamp must not read another stamp's credentials either. The engines take
 * theirs the same way in {@code platform/engines} ({@code citadel-cassandra-region1}, {@code citadel-kafka-region1}).
 *
 * <p>{@link #plan} is pure: what is owned by whom, with which mode; {@link #apply} carries it out.
 */
public record ProcessIdentities(boolean separate) {

    /** What {@code up} prints when it runs without root. */
    public static final String SHARED_MODE_NOTICE = "not root: every engine and service runs as this user; file modes "
            + "keep other users of this machine out, but not one component out of another's secrets (run up as root "
            + "to give each its own account)";

    public static ProcessIdentities current() {
        return new ProcessIdentities(ProcessIdentity.effectiveRoot());
    }

    public Optional<ProcessIdentity> of(ServiceKind kind, String region) {
        if (!separate) {
            return Optional.empty();
        }
        return Optional.of(ProcessIdentity.of(kind == ServiceKind.EDGE ? "edge" : shortName(kind) + "-" + region));
    }

    public LaunchPrefix prefix(ServiceKind kind, String region) {
        return of(kind, region).map(LaunchPrefix::runAs).orElse(LaunchPrefix.NONE);
    }

    /** The prefix of the component named {@code component} ({@code <kind>-<region>} or {@code edge}). */
    public LaunchPrefix prefixOf(dev.citadel.cli.topology.Topology topology, String component) {
        if (component.equals(ServiceKind.EDGE.component(null))) {
            return prefix(ServiceKind.EDGE, null);
        }
        for (var region : topology.regions()) {
            for (ServiceKind kind : ServiceKind.values()) {
                if (kind != ServiceKind.EDGE && kind.component(region.name()).equals(component)) {
                    return prefix(kind, region.name());
                }
            }
        }
        // Not a component of this topology: its archive is left unchecked, so never used.
        throw new IllegalArgumentException("no component " + component);
    }

    /**
     * The first parent of {@code runDir} that other users cannot cross (no {@code o+x}), if any: the components'
     * accounts reach their files by path through every parent (root's home, 0700, is the usual one). The run
     * directory itself is opened by {@code up}.
     */
    public static Optional<Path> blockingParent(Path runDir,
                                                java.util.function.Function<Path, Set<PosixFilePermission>> modeOf) {
        for (Path p = runDir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (!modeOf.apply(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Short enough that {@code citadel-<name>-<region>} stays a valid user name for ordinary region names. */
    static String shortName(ServiceKind kind) {
        return switch (kind) {
            case CATALOG_API -> "catalog-api";
            case BACKGROUND_PROCESSOR -> "processor";
            case HEALTH_SERVICE -> "health";
            case WEB_UI -> "web-ui";
            case EGRESS_FIREWALL -> "egress";
            case EDGE -> "edge";
        };
    }

    /** One rule of the ownership plan. */
    public sealed interface Grant {
        Path path();

        /** The path and everything under it owned by the service's account; the path itself 0700. */
        record OwnedTree(Path path, ProcessIdentity owner) implements Grant {}

        /** One file (its log, its archives) owned by the service's account. */
        record OwnedFiles(Path dir, String prefix, ProcessIdentity owner) implements Grant {
            @Override
            public Path path() {
                return dir;
            }
        }

        /** Root's, crossed by path by every service (mode 0711). */
        record Traversable(Path path) implements Grant {}

        /** Root's, readable by every service (0644): certificates, trust stores. */
        record Readable(Path path) implements Grant {}

        /** Root's, where every service writes its own files and touches none of the others' (1733). */
        record StickyShared(Path path) implements Grant {}
    }

    /** Public service material is readable, each service's own directory, logs and class archive are its own. */
    public List<Grant> plan(List<ServiceSpec> services, RunLayout layout) {
        if (!separate) {
            return List.of();
        }
        List<Grant> grants = new ArrayList<>();
        grants.add(new Grant.Traversable(layout.runDir()));
        grants.add(new Grant.Traversable(layout.runDir().resolve("pki")));
        grants.add(new Grant.Traversable(layout.stampCaDir()));
        grants.add(new Grant.Readable(layout.stampCaPem()));
        grants.add(new Grant.Readable(layout.clientTrustStore()));
        grants.add(new Grant.Traversable(layout.runDir().resolve("stamps")));
        grants.add(new Grant.StickyShared(layout.logs()));
        grants.add(new Grant.StickyShared(layout.logs().resolve("archive")));
        for (ServiceSpec s : services) {
            ProcessIdentity owner = of(s.kind(), s.region()).orElseThrow();
            if (s.kind() != ServiceKind.EDGE) {
                grants.add(new Grant.Traversable(layout.runDir().resolve("stamps").resolve(s.region())));
            }
            grants.add(new Grant.OwnedTree(Path.of(s.workDir()), owner));
            grants.add(new Grant.OwnedFiles(layout.logs(), s.name(), owner));
            grants.add(new Grant.OwnedFiles(layout.logs().resolve("archive"), s.name(), owner));
            ClassDataSharing.archiveDir(s.argv()).ifPresent(dir -> grants.add(new Grant.OwnedTree(dir, owner)));
        }
        return List.copyOf(new java.util.LinkedHashSet<>(grants));
    }

    /** Creates the accounts of {@code services}, then carries out {@link #plan}. */
    public void apply(List<ServiceSpec> services, RunLayout layout) {
        if (!separate) {
            return;
        }
        services.forEach(s -> of(s.kind(), s.region()).orElseThrow().ensureExists());
        for (Grant g : plan(services, layout)) {
            if (g instanceof Grant.Traversable t) {
                FileOwnership.mode(t.path(), FileOwnership.TRAVERSE_ONLY);
            } else if (g instanceof Grant.Readable r) {
                FileOwnership.mode(r.path(), FileOwnership.READABLE_FILE);
            } else if (g instanceof Grant.StickyShared d) {
                FileOwnership.stickyShared(d.path());
            } else if (g instanceof Grant.OwnedTree t) {
                createDirectory(t.path());
                FileOwnership.giveTree(t.path(), t.owner());
            } else if (g instanceof Grant.OwnedFiles f) {
                ownedFiles(f);
            }
        }
    }

    /** Files named {@code <component>.*} or {@code <component>-*} (its access or decisions log) in one directory. */
    static boolean belongsTo(String fileName, String component) {
        return fileName.startsWith(component + ".") || fileName.startsWith(component + "-");
    }

    private static void ownedFiles(Grant.OwnedFiles f) {
        if (!Files.isDirectory(f.dir(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.list(f.dir())) {
            // The console file (.out) stays root's: root opens it for the child, which writes it through that fd.
            files.filter(p -> belongsTo(p.getFileName().toString(), f.prefix()) && !p.toString().endsWith(".out")
                            && !p.toString().endsWith(".out.1"))
                    .forEach(p -> FileOwnership.giveFile(p, f.owner()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + f.dir(), e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
