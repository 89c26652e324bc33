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
    private final RotationSteps steps;

    public ServicePasswordRotation(SecretDirectory tier, List<Account> accounts, Duration followTimeout,
            PrintWriter out) {
        this.tier = tier;
        this.accounts = List.copyOf(accounts);
        this.steps = new RotationSteps("service-passwords", "its file lists both passwords, the new one first",
                followTimeout, out);
    }

    public Report run() throws InterruptedException {
        long t = steps.begin();
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
        steps.step("issue", t, accounts.size() + " new password(s) kept in " + tier.directory()
                + (resumed > 0 ? " (" + resumed + " from an interrupted rotation)" : ""));

        t = steps.begin();
        for (Account a : accounts) {
            // Resumed after the engine took the new password: the service must not go back to offering the old first.
            boolean switched = resumedAccounts.contains(a)
                    && a.engine().check(next.get(a)) == KeyProbe.Verdict.ACCEPTED;
            ApiKeyFiles.write(a.file(), switched ? concat(List.of(next.get(a)), old.get(a))
                    : concat(old.get(a), List.of(next.get(a))));
        }
        steps.step("overlap-written", t, "every password file lists the old password first, then the new one");

        t = steps.begin();
        for (Account a : accounts) {
            a.engine().change(next.get(a));
            // At once: a service's next connection reads the file, and until this line it would offer the old one.
            ApiKeyFiles.write(a.file(), concat(List.of(next.get(a)), old.get(a)));
        }
        steps.step("engine-switched", t, "every engine holds the new password; the files list it first");

        t = steps.begin();
        for (Account a : accounts) {
            steps.await(a.engine().describe(), "take the new password",
                    () -> a.engine().check(next.get(a)) == KeyProbe.Verdict.ACCEPTED);
        }
        steps.step("new-accepted", t, "a fresh login with the new password works at every node");

        t = steps.begin();
        for (Account a : accounts) {
            steps.await(a.engine().describe(), "refuse the old password", () -> old.get(a).stream()
                    .allMatch(p -> a.engine().check(p) == KeyProbe.Verdict.REFUSED));
        }
        steps.step("old-refused", t, "every node refuses the old password(s)");

        t = steps.begin();
        for (Account a : accounts) {
            ApiKeyFiles.write(a.file(), List.of(next.get(a)));
            try {
                Files.deleteIfExists(tier.path(a.pendingKey()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + tier.path(a.pendingKey()), e);
            }
        }
        steps.step("old-removed", t, "every password file lists only the new password; rotation complete");
        return new Report(accounts.size(), resumed, steps.durations());
    }

    private static List<Secret> concat(Iterable<Secret> first, Iterable<Secret> then) {
        List<Secret> all = new ArrayList<>();
        first.forEach(all::add);
        then.forEach(all::add);
        return all;
    }
}
