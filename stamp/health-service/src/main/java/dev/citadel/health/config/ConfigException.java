package dev.citadel.health.config;

/** Bad configuration: names the key and the offending value so startup fails with an actionable message. */
public class ConfigException extends RuntimeException {

    public ConfigException(String key, Object value, String reason) {
        super("Invalid configuration " + key + "=" + value + ": " + reason);
    }
}
