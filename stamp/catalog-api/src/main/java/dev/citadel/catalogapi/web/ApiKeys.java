package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.platform.pki.Secret;
import dev.citadel.servicedefaults.secret.FollowedSecretList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The API keys valid right now: the bound {@code api-keys} value, then what the {@code api-keys} file lists
 * ({@link FollowedSecretList}, checked at most once per {@link #CHECK_INTERVAL}), so a key rotation lists old and new
 * and later drops the old one without a restart.
 */
final class ApiKeys {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final FollowedSecretList keys;

    ApiKeys(CatalogApiProperties.Security security) {
        this(security.validApiKeys(), security.apiKeysFile(), System::nanoTime, CHECK_INTERVAL);
    }

    ApiKeys(List<Secret> initial, Path file, LongSupplier nanoTime, Duration interval) {
        this.keys = new FollowedSecretList("API keys", initial, file, nanoTime, interval);
    }

    /** The keys valid now. */
    List<Secret> current() {
        return keys.current();
    }
}
