package dev.citadel.edge.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to one YAML mapping that remembers where it is ({@code originGroups[0].origins[1]}), so every
 * error names the full key. Unknown keys are errors too: a typo must not silently fall back to a default.
 */
final class ConfigReader {
    private final String path;
    private final Map<?, ?> map;

    ConfigReader(String path, Map<?, ?> map) {
        this.path = path;
        this.map = map == null ? Map.of() : map;
    }

    /** The full key of {@code name} in this mapping, for messages. */
    String keyOf(String name) {
        return key(name);
    }

    private String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void allowOnly(Set<String> keys) {
        for (Object k : map.keySet()) {
            if (!keys.contains(String.valueOf(k))) {
                throw new ConfigException(key(String.valueOf(k)), "unknown key (allowed: " + keys + ")");
            }
        }
    }

    String string(String name, String fallback) {
        Object v = map.get(name);
        if (v == null) {
            if (fallback == null) {
                throw new ConfigException(key(name), "is required");
            }
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(key(name), "must be a scalar but was " + v);
        }
        String s = String.valueOf(v).trim();
        if (s.isEmpty()) {
            throw new ConfigException(key(name), "must not be empty");
        }
        return s;
    }

    /** A list of non-empty scalars. */
    List<String> strings(String name, List<String> fallback) {
        Object v = map.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof List<?> items)) {
            throw new ConfigException(key(name), "must be a list but was '" + v + "'");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null || item instanceof Map || item instanceof List || String.valueOf(item).isBlank()) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be a non-empty string but was '" + item + "'");
            }
            out.add(String.valueOf(item).trim());
        }
        return out;
    }

    Path path(String name) {
        return Path.of(string(name, null));
    }

    long number(String name, long fallback, long min, long max) {
        Object v = map.get(name);
        long n;
        if (v == null) {
            n = fallback;
        } else if (v instanceof Number num && !(v instanceof Double) && !(v instanceof Float)) {
            n = num.longValue();
        } else {
            throw new ConfigException(key(name), "must be a whole number but was '" + v + "'");
        }
        if (n < min || n > max) {
            throw new ConfigException(key(name), "must be between " + min + " and " + max + " but was " + n);
        }
        return n;
    }

    int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }

    boolean bool(String name, boolean fallback) {
        Object v = map.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(key(name), "must be true or false but was '" + v + "'");
    }

    ConfigReader child(String name) {
        Object v = map.get(name);
        if (v != null && !(v instanceof Map)) {
            throw new ConfigException(key(name), "must be a mapping but was '" + v + "'");
        }
        return new ConfigReader(key(name), (Map<?, ?>) v);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> raw(String name) {
        Object v = map.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new ConfigException(key(name), "must be a mapping but was '" + v + "'");
        }
        return (Map<String, Object>) v;
    }

    <T> List<T> list(String name, boolean required, Function<ConfigReader, T> element) {
        Object v = map.get(name);
        if (v == null || (v instanceof List<?> l && l.isEmpty())) {
            if (required) {
                throw new ConfigException(key(name), "needs at least one entry");
            }
            return List.of();
        }
        if (!(v instanceof List<?> items)) {
            throw new ConfigException(key(name), "must be a list but was '" + v + "'");
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = key(name) + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new ConfigException(at, "must be a mapping but was '" + items.get(i) + "'");
            }
            out.add(element.apply(new ConfigReader(at, m)));
        }
        return out;
    }

    ConfigException error(String name, String problem) {
        return new ConfigException(key(name), problem);
    }
}
