package dev.citadel.cli.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One mapping of the topology file together with its key path, so that every error can say exactly which key is
 * wrong ("regions[1].kafka.port"). Unknown keys are errors too: a typo must not silently fall back to a default.
 */
final class YamlSection {

    private final String source;
    private final String path;
    private final JsonNode node;
    private final Set<String> allowed;

    private YamlSection(String source, String path, JsonNode node, Set<String> allowed) {
        this.source = source;
        this.path = path;
        this.node = node;
        this.allowed = allowed;
    }

    static YamlSection root(String source, JsonNode node, Set<String> allowedKeys) {
        if (node == null || !node.isObject()) {
            throw new TopologyException(source + ": must be a YAML mapping at the top level");
        }
        return new YamlSection(source, "", node, allowedKeys).rejectUnknownKeys();
    }

    YamlSection section(String key, Set<String> allowedKeys) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            throw error(key, "is required");
        }
        if (!child.isObject()) {
            throw error(key, "must be a mapping");
        }
        return new YamlSection(source, keyPath(key), child, allowedKeys).rejectUnknownKeys();
    }

    /** Like {@link #section} but {@code null} when the key is absent (all its keys then take their defaults). */
    YamlSection optionalSection(String key, Set<String> allowedKeys) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return null;
        }
        return section(key, allowedKeys);
    }

    List<YamlSection> list(String key, Set<String> allowedKeys) {
        JsonNode child = node.get(key);
        if (child == null || !child.isArray() || child.isEmpty()) {
            throw error(key, "must be a non-empty list");
        }
        List<YamlSection> items = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) {
            String itemPath = keyPath(key) + "[" + i + "]";
            JsonNode item = child.get(i);
            if (!item.isObject()) {
                throw new TopologyException(source + ": " + itemPath + ": must be a mapping");
            }
            items.add(new YamlSection(source, itemPath, item, allowedKeys).rejectUnknownKeys());
        }
        return items;
    }

    /** Like {@link #list} but empty when the key is absent; an explicit empty list is allowed too. */
    List<YamlSection> optionalList(String key, Set<String> allowedKeys) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull() || (child.isArray() && child.isEmpty())) {
            return List.of();
        }
        return list(key, allowedKeys);
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return defaultValue;
        }
        if (!child.isBoolean()) {
            throw error(key, "must be true or false, got " + quoted(child));
        }
        return child.booleanValue();
    }

    /** A required integer. */
    int integer(String key, int min, int max) {
        if (node.get(key) == null || node.get(key).isNull()) {
            throw error(key, "is required");
        }
        return integer(key, 0, min, max);
    }

    String text(String key, String defaultValue, Pattern format, String formatDescription) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            if (defaultValue == null) {
                throw error(key, "is required");
            }
            return defaultValue;
        }
        if (!child.isString() || !format.matcher(child.stringValue()).matches()) {
            throw error(key, "must be " + formatDescription + ", got " + quoted(child));
        }
        return child.stringValue();
    }

    int integer(String key, int defaultValue, int min, int max) {
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            return defaultValue;
        }
        if (!child.isIntegralNumber() || !child.canConvertToInt() || child.intValue() < min || child.intValue() > max) {
            throw error(key, "must be an integer from " + min + " to " + max + ", got " + quoted(child));
        }
        return child.intValue();
    }

    TopologyException error(String key, String problem) {
        return new TopologyException(source + ": " + keyPath(key) + ": " + problem);
    }

    String path() {
        return path;
    }

    private YamlSection rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(node.propertyNames());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw error(first, "unknown key (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
        return this;
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String quoted(JsonNode value) {
        return value.isString() ? "\"" + value.stringValue() + "\"" : value.toString();
    }
}
