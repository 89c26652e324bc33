package dev.citadel.processor.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import dev.citadel.platform.pki.Secret;

/** Binds {@link Secret} fields from plain strings (configtree files, environment). */
@Component
@ConfigurationPropertiesBinding
public class SecretConverter implements Converter<String, Secret> {

    @Override
    public Secret convert(String source) {
        // configtree files usually end with the newline the generator or an editor wrote.
        return Secret.of(source.strip());
    }
}
