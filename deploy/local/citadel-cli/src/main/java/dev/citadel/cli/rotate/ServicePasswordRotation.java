package dev.citadel.cli.rotate;

import dev.citadel.platform.pki.Passwords;
import dev.citadel.platform.pki.Secret;
import dev.citadel.platform.pki.SecretDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Gives every service account (a Cassandra role, a Kafka SCRAM user) a new password while the services run. The
 * services read their password file at every new connection, and the file may list several passwords: the first is
 * the one to use, the others are still accepted somewhere. Cassandra and SCRAM keep one password per account, so
 * the change itself is one instant; the order around it keeps a refused login to that instant:
 * <ol>
 *   <li><b>issue</b>: a new password per account, kept in the tier's secrets ({@code <account>.next}) before anything
 *       else sees it, so an interrupted rotation is completed with the same one;</li>
 *   <li><b>overlap-written</b>: each service's file lists the old password first, then the new one: nothing changes
 *       for the service yet;</li>
 *   <li><b>engine-switched</b>: per account, the engine takes the new password and, right after, the file lists the
 *       new one first and the old one second (a Cassandra node's credentials cache may take the old one for up to
 *       2 s more: the service falls back to it after a refused connection);</li>
 *   <li><b>new-accepted</b> and <b>old-refused</b>: fresh logins at every node until the new one is taken and the old
 *       one refused everywhere;</li>
 *   <li><b>old-removed</b>: each file lists only the new password; the pending copy goes.</li>
 * </ol>
 * Connections opened before keep working throughout: neither engine re-authenticates an open connection.
 */
public final class ServicePasswordRotation {

    /** How long a node may take to answer as expected (Cassandra's credentials cache holds a password 2 s). */
    public static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 200;

    /** One service account: its secret file (as the service reads it) and where its password is checked. */
    public record Account(String name, Path file, PasswordEngine engine) {
        /** The tier secret holding the password being introduced. */
        String pendingKey() {
            return "service-password-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".next";
        }
    }

    public record Report(int accounts, int resumed, Map<String, Duration> steps) {}

    private final SecretDirectory tier;
    private final List<Account> accounts;
    private final Duration followTimeout;
    private final PrintWriter out;
    private final LongSupplier nanoTime = System::nanoTime;
    private final long startedAt;
    private final Map<String, Duration> steps = new LinkedHashMap<>();

    public ServicePasswordRotation(SecretDirectory tier, List<Account> accounts, Duration followTimeout,
            PrintWriter out) {
        this.tier = tier;
        this.accounts = List.copyOf(accounts);
        this.followTimeout = followTimeout;
        this.out = out;
        this.startedAt = System.nanoTime();
    }

    public Report run() throws InterruptedException {
        long t = nanoTime.getAsLong();
        Map<Account, Secret> next = new LinkedHashMap<>();
        Map<Account, Set<Secret>> old = new LinkedHashMap<>();
        int resumed = 0;
        Set<Account> resumedAccounts = new java.util.HashSet<>();
        for (Account a : accounts) {
            if (!Files.exists(a.file())) {
                throw new ApiKeyRotation.Incomplete("no password file " + a.file() + " for " + a.engine().describe()
                        + ": run `citadel up` first");
            }
            if (tier.contains(a.pendingKey())) {
                resumed++;
                resumedAccounts.add(a);
            }
            Secret pending = tier.getOrCreate(a.pendingKey(), Passwords::generate);
            Set<Secret> previous = new LinkedHashSet<>(ApiKeyFiles.read(a.file()));
            previous.remove(pending);
            next.put(a, pending);
            old.put(a, previous);
        }
        step("issue", t, accounts.size() + " new password(s) kept in " + tier.directory()
                + (resumed > 0 ? " (" + resumed + " from an interrupted rotation)" : ""));

        t = nanoTime.getAsLong();
        for (Account a : accounts) {
            // Resumed after the engine took the new password: the service must not go back to offering the old first.
            boolean switched = resumedAccounts.contains(a)
                    && a.engine().check(next.get(a)) == KeyProbe.Verdict.ACCEPTED;
            ApiKeyFiles.write(a.file(), switched ? concat(List.of(next.get(a)), old.get(a))
                    : concat(old.get(a), List.of(next.get(a))));
        }
        step("overlap-written", t, "every password file lists the old password first, then the new one");

        t = nanoTime.getAsLong();
        for (Account a : accounts) {
            a.engine().change(next.get(a));
            // At once: a service's next connection reads the file, and until this line it would offer the old one.
            ApiKeyFiles.write(a.file(), concat(List.of(next.get(a)), old.get(a)));
        }
        step("engine-switched", t, "every engine holds the new password; the files list it first");

        t = nanoTime.getAsLong();
        for (Account a : accounts) {
            await(a, "take the new password", () -> a.engine().check(next.get(a)) == KeyProbe.Verdict.ACCEPTED);
        }
        step("new-accepted", t, "a fresh login with the new password works at every node");

        t = nanoTime.getAsLong();
        for (Account a : accounts) {
            await(a, "refuse the old password", () -> old.get(a).stream()
                    .allMatch(p -> a.engine().check(p) == KeyProbe.Verdict.REFUSED));
        }
        step("old-refused", t, "every node refuses the old password(s)");

        t = nanoTime.getAsLong();
        for (Account a : accounts) {
            ApiKeyFiles.write(a.file(), List.of(next.get(a)));
            try {
                Files.deleteIfExists(tier.path(a.pendingKey()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + tier.path(a.pendingKey()), e);
            }
        }
        step("old-removed", t, "every password file lists only the new password; rotation complete");
        return new Report(accounts.size(), resumed, Map.copyOf(steps));
    }

    private static List<Secret> concat(Iterable<Secret> first, Iterable<Secret> then) {
        List<Secret> all = new ArrayList<>();
        first.forEach(all::add);
        then.forEach(all::add);
        return all;
    }

    private interface Condition {
        boolean met() throws InterruptedException;
    }

    private void await(Account a, String what, Condition condition) throws InterruptedException {
        long deadline = nanoTime.getAsLong() + followTimeout.toNanos();
        while (!condition.met()) {
            if (nanoTime.getAsLong() > deadline) {
                throw new ApiKeyRotation.Incomplete(a.engine().describe() + " did not " + what + " within "
                        + followTimeout.toSeconds() + " s; its file lists both passwords, the new one first. Check the "
                        + "engine (`citadel status`), then run `citadel rotate service-passwords` again: it completes "
                        + "this rotation");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void step(String name, long startedNanos, String message) {
        long now = nanoTime.getAsLong();
        Duration took = Duration.ofNanos(now - startedNanos);
        steps.put(name, took);
        out.printf("[%6.1f s] %s (%d ms)%n", (now - startedAt) / 1e9, message, took.toMillis());
        out.flush();
    }
}
