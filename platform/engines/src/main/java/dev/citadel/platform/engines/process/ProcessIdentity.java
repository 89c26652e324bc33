package dev.citadel.platform.engines.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The OS account one component runs as when the CLI runs as root: {@code citadel-<label>}, e.g.
 * {@code citadel-cassandra-region1} or {@code citadel-web-ui-region2}. A system account without login shell or home,
 * created on first use ({@link #ensureExists()}).
 */
public record ProcessIdentity(String user) {

    /** Linux' (shadow-utils') limit on a user name. */
    static final int MAX_USER_LENGTH = 32;
    static final String PREFIX = "citadel-";
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    public ProcessIdentity {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("not a valid user name: '" + user + "'");
        }
    }

    /**
     * The account of the component labelled {@code label} (lower-case, e.g. {@code kafka-region1}). A label too long
     * for a user name is cut and ends in a hash of the whole label, so two long labels still get two accounts.
     */
    public static ProcessIdentity of(String label) {
        String name = PREFIX + label;
        if (name.length() > MAX_USER_LENGTH) {
            String hash = sha256(label).substring(0, 8);
            name = name.substring(0, MAX_USER_LENGTH - hash.length() - 1) + "-" + hash;
        }
        return new ProcessIdentity(name);
    }

    /** True when this process runs with effective uid 0: only then can children be given other users. */
    public static boolean effectiveRoot() {
        return effectiveUid(Path.of("/proc/self/status")).map(uid -> uid == 0).orElse(false);
    }

    /** The effective uid of a process from its {@code /proc/<pid>/status} ({@code Uid: real effective saved fs}). */
    public static Optional<Integer> effectiveUid(Path procStatus) {
        try {
            for (String line : Files.readAllLines(procStatus, StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Optional.of(Integer.parseInt(line.substring(4).trim().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Creates the account if missing: a system user with its own group, no home directory and no login shell. */
    public ProcessIdentity ensureExists() {
        // useradd holds a lock on /etc/passwd: engines starting in parallel must not race for it.
        synchronized (ProcessIdentity.class) {
            return create();
        }
    }

    private ProcessIdentity create() {
        if (exists()) {
            return this;
        }
        int code = run("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", user);
        // 9: created meanwhile by a concurrent `up` or supervisor.
        if (code != 0 && !(code == 9 && exists())) {
            throw new IllegalStateException("cannot create the system user " + user + " (useradd exit code " + code
                    + "); `up` as root needs useradd (Debian package passwd)");
        }
        return this;
    }

    private boolean exists() {
        return run("id", "-u", user) == 0;
    }

    private static int run(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
