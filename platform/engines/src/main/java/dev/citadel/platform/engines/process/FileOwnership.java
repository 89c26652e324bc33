package dev.citadel.platform.engines.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Optional;
import java.util.Set;

/**
 * Hands files to a component's account (the CLI runs as root; see {@link ProcessIdentity}). Never follows a symbolic
 * link, and never gives away a file that has a second hard link: either could make root hand a file outside the
 * component's tree (say {@code /etc/shadow}) to the component.
 */
public final class FileOwnership {

    public static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    /** Traversable by every component, listable by none: a path through it must be known. */
    public static final Set<PosixFilePermission> TRAVERSE_ONLY = PosixFilePermissions.fromString("rwx--x--x");
    public static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private FileOwnership() {}

    /** {@code dir} and everything under it owned by {@code identity}; {@code dir} itself 0700. */
    public static void giveTree(Path dir, ProcessIdentity identity) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            UserPrincipal user = user(identity);
            GroupPrincipal group = group(identity);
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    own(d, user, group);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && linkCount(f) == 1) {
                        own(f, user, group);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dir + " to " + identity.user(), e);
        }
    }

    /**
     * One file (e.g. a log a shared-mode run left owned by root) handed to {@code identity}: only a regular file
     * with one link; anything else is left alone.
     */
    public static void giveFile(Path file, ProcessIdentity identity) {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && linkCount(file) == 1) {
                own(file, user(identity), group(identity));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + file + " to " + identity.user(), e);
        }
    }

    /** Sets the mode of a directory or file that root keeps (created if a missing directory is asked for). */
    public static void mode(Path path, Set<PosixFilePermission> mode) {
        try {
            if (Files.isSymbolicLink(path)) {
                throw new IOException(path + " is a symbolic link");
            }
            if (!Files.exists(path) && mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.createDirectories(path);
            }
            if (Files.exists(path)) {
                Files.setPosixFilePermissions(path, mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the mode of " + path, e);
        }
    }

    /**
     * Mode 1733, like {@code /tmp} without listing: each component creates and rotates its own files in it, none can
     * rename or delete another's. NIO cannot set the sticky bit, hence chmod.
     */
    public static void stickyShared(Path dir) {
        try {
            if (Files.isSymbolicLink(dir)) {
                throw new IOException(dir + " is a symbolic link");
            }
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("chmod", "1733", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IOException("chmod 1733 exited with " + p.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot share " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Before this process opens {@code file} by path in a directory others may write (the shared log directory):
     * removes whatever is there unless it is a regular file of ours with a single link. In a sticky directory nobody
     * else can then replace what we create or keep.
     */
    public static void keepOnlyOwn(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Optional<Integer> self = ProcessIdentity.effectiveUid(Path.of("/proc/self/status"));
            Object owner = Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            boolean ours = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && linkCount(file) == 1
                    && self.map(uid -> uid.equals(owner)).orElse(true);
            if (!ours) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + file, e);
        }
    }

    private static void own(Path p, UserPrincipal user, GroupPrincipal group) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static int linkCount(Path f) throws IOException {
        return (Integer) Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    }

    private static UserPrincipal user(ProcessIdentity identity) throws IOException {
        return lookup().lookupPrincipalByName(identity.user());
    }

    private static GroupPrincipal group(ProcessIdentity identity) throws IOException {
        return lookup().lookupPrincipalByGroupName(identity.user());
    }

    private static UserPrincipalLookupService lookup() {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
    }
}
