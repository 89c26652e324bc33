package dev.citadel.webui.config;

import dev.citadel.platform.pki.Secret;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Lets {@link WebUiProperties} bind {@link Secret} fields from plain strings (configtree files, env). The value is
 * stripped: secret files usually end with the newline an editor or generator wrote.
 */
@Component
@ConfigurationPropertiesBinding
class SecretConverter implements Converter<String, Secret> {

    @Override
    public Secret convert(String source) {
        return Secret.of(source.strip());
    }
}
