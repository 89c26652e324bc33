package dev.citadel.cli.rotate;

import dev.citadel.platform.engines.kafka.KafkaAccess;
import dev.citadel.platform.pki.Secret;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * A service's SCRAM-SHA-512 user on its stamp's broker: the password changes by an upsert through the Admin API (the
 * broker keeps one credential per mechanism and user), and is tried by a fresh client login.
 */
public final class KafkaPasswordEngine implements PasswordEngine {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaAccess broker;
    private final String user;

    public KafkaPasswordEngine(KafkaAccess broker, String user) {
        this.broker = broker;
        this.user = user;
    }

    @Override
    public String describe() {
        return "SCRAM user " + user + " on " + broker.brokerName();
    }

    @Override
    public void change(Secret password) {
        broker.createUser(user, password);
    }

    @Override
    public KeyProbe.Verdict check(Secret password) {
        Properties p = broker.clientProperties(user, password);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) LOGIN_TIMEOUT.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) LOGIN_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().clusterId().get(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return KeyProbe.Verdict.ACCEPTED;
        } catch (ExecutionException e) {
            return e.getCause() instanceof AuthenticationException ? KeyProbe.Verdict.REFUSED
                    : KeyProbe.Verdict.UNKNOWN;
        } catch (TimeoutException e) {
            return KeyProbe.Verdict.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KeyProbe.Verdict.UNKNOWN;
        }
    }
}
