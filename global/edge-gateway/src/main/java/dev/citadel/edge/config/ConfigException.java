package dev.citadel.edge.config;

/** Bad configuration: the message always names the offending key and value, so startup fails legibly. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }
}
