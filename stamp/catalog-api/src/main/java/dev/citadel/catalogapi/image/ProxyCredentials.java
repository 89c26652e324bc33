package dev.citadel.catalogapi.image;

import dev.citadel.platform.pki.Secret;
import java.net.Authenticator;
import java.net.PasswordAuthentication;

/**
 * Answers the egress firewall's 407 challenge with catalog-api's source identity, and nothing else: a remote server
 * asking for credentials gets none (they are the stamp's, not for the internet).
 */
final class ProxyCredentials extends Authenticator {

    private final String username;
    private final Secret password;

    ProxyCredentials(String username, Secret password) {
        this.username = username;
        this.password = password;
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
        if (getRequestorType() != RequestorType.PROXY) {
            return null;
        }
        return new PasswordAuthentication(username, password.revealChars());
    }
}
