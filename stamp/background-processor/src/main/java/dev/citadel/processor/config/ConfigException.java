package dev.citadel.processor.config;

/** A configuration value breaks a rule; names the key and the value so the operator can fix it (never a secret). */
public final class ConfigException extends IllegalArgumentException {

    public ConfigException(String key, Object value, String rule) {
        super("invalid configuration " + key + "=" + value + ": " + rule);
    }
}
