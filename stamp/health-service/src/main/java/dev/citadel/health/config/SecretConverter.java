package dev.citadel.health.config;

import dev.citadel.platform.pki.Secret;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds {@link Secret} fields from configtree files; strips the trailing newline editors and generators write. */
@Component
@ConfigurationPropertiesBinding
class SecretConverter implements Converter<String, Secret> {

    @Override
    public Secret convert(String source) {
        return Secret.of(source.strip());
    }
}
