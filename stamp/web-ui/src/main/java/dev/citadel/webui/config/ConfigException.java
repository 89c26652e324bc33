package dev.citadel.webui.config;

/** A configuration value that is invalid in combination with another; names the key so the operator can fix it. */
public class ConfigException extends RuntimeException {

    public ConfigException(String key, Object value, String reason) {
        super("Invalid value '" + value + "' for configuration '" + key + "': " + reason);
    }
}
