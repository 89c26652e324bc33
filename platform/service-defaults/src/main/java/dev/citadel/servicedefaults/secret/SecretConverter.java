package dev.citadel.servicedefaults.secret;

import dev.citadel.platform.pki.Secret;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@link Secret} fields of every {@code @ConfigurationProperties} record from plain strings (configtree files,
 * environment). The value is stripped: secret files usually end with the newline an editor or generator wrote.
 */
public final class SecretConverter implements Converter<String, Secret> {

    @Override
    public Secret convert(String source) {
        return Secret.of(source.strip());
    }
}
