package dev.citadel.servicedefaults.kafka;

import dev.citadel.platform.pki.FollowedPassword;
import dev.citadel.platform.pki.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;

/**
 * Answers the SCRAM client's questions (user name, password) for every new broker connection, the password read
 * from the service's secret file each time ({@code sasl.client.callback.handler.class}), so a rotated password
 * reaches the next connection without a restart. Connections already open stay authenticated: the broker does not
 * re-authenticate them ({@code connections.max.reauth.ms} is not set). The JAAS entry carries {@code username},
 * {@code password} (the bound value, used while the file is missing or empty) and {@code passwordFile}; the first
 * password the file lists is the one answered (SCRAM keeps one per user, and a refused SCRAM exchange is not
 * reported back to this handler, so there is nothing to fall back on).
 */
public final class FollowedScramCallbackHandler implements AuthenticateCallbackHandler {

    static final String USERNAME_OPTION = "username";
    static final String PASSWORD_OPTION = "password";
    static final String PASSWORD_FILE_OPTION = "passwordFile";

    private String username;
    private FollowedPassword password;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        if (jaasConfigEntries.size() != 1) {
            throw new IllegalArgumentException("expected one JAAS login module entry, found " + jaasConfigEntries.size());
        }
        Map<String, ?> options = jaasConfigEntries.get(0).getOptions();
        username = (String) options.get(USERNAME_OPTION);
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the JAAS entry names no " + USERNAME_OPTION);
        }
        Object file = options.get(PASSWORD_FILE_OPTION);
        Object bound = options.get(PASSWORD_OPTION);
        password = new FollowedPassword(Secret.of(bound == null ? "" : bound.toString()),
                file == null || file.toString().isBlank() ? null : Path.of(file.toString()));
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(username);
            } else if (callback instanceof PasswordCallback pw) {
                pw.setPassword(password.first().revealChars());
            } else {
                // SCRAM extensions among others: the client goes on without them.
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {}
}
