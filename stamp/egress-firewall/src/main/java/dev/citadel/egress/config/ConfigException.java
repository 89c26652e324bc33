package dev.citadel.egress.config;

/** Bad configuration: the message names the offending key and value, so startup fails legibly (exit 2). */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final String problem;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    /** The same problem, with the key placed under {@code parent} (e.g. {@code sources[0].allow[1]}). */
    ConfigException under(String parent) {
        return new ConfigException(parent.isEmpty() ? key : parent + "." + key, problem);
    }
}
