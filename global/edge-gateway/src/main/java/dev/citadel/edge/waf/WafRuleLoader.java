package dev.citadel.edge.waf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rules from YAML (a top-level {@code rules:} list). Every rule is validated at load; a bad rule stops
 * the load with a message naming the rule id and the key, so a broken rule file never yields a silently
 * weaker WAF.
 */
final class WafRuleLoader {

    static final String DEFAULT_RESOURCE = "/waf/rules.yaml";
    private static final Set<String> OPERATORS = Set.of("regex", "phrases", "equals", "gt", "length_gt");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private WafRuleLoader() { }

    static List<WafRule> loadDefault() {
        try (InputStream in = WafRuleLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("WAF rule resource " + DEFAULT_RESOURCE + " missing from the classpath");
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<WafRule> load(InputStream in) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("WAF rules: not valid YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("WAF rules: top-level key 'rules' must be a non-empty list");
        }
        List<WafRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : list) {
            WafRule rule = parseRule(node, index++);
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("WAF rule " + rule.id() + ": duplicate id");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    private static WafRule parseRule(JsonNode node, int index) {
        String id = text(node, "id", "rules[" + index + "]");
        String where = "WAF rule " + id;
        try {
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : required(node, "targets", where)) {
                targets.add(Target.parse(t.asString()));
            }
            List<Transformation> transforms = new ArrayList<>();
            JsonNode tn = node.get("transforms");
            if (tn != null) {
                for (JsonNode t : tn) {
                    transforms.add(Transformation.fromKey(t.asString()));
                }
            }
            JsonNode negate = node.get("negate");
            JsonNode prefilter = node.get("prefilter");
            List<String> literals = prefilter == null ? List.of() : List.copyOf(strings(prefilter, where, "prefilter"));
            return new WafRule(id, text(node, "category", where), text(node, "msg", where),
                    Severity.fromKey(text(node, "severity", where)), targets, transforms, operator(node, where),
                    negate != null && negate.asBoolean(), literals);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Operator operator(JsonNode node, String where) {
        List<String> present = new ArrayList<>();
        for (String op : OPERATORS) {
            if (node.has(op)) {
                present.add(op);
            }
        }
        if (present.size() != 1) {
            throw new IllegalArgumentException(where + ": exactly one operator of " + OPERATORS + " required, found " + present);
        }
        String op = present.get(0);
        JsonNode value = node.get(op);
        return switch (op) {
            case "regex" -> {
                try {
                    yield new Operator.Regex(Pattern.compile(value.asString()));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(where + ": key 'regex' does not compile: " + e.getDescription(), e);
                }
            }
            case "phrases" -> new Operator.Phrases(List.copyOf(strings(value, where, op)));
            case "equals" -> new Operator.Equals(Set.copyOf(strings(value, where, op)));
            case "gt" -> new Operator.GreaterThan(value.asLong());
            default -> new Operator.LengthGreaterThan(value.asInt());
        };
    }

    private static Set<String> strings(JsonNode value, String where, String key) {
        if (!value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException(where + ": key '" + key + "' must be a non-empty list");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode v : value) {
            out.add(v.asString());
        }
        return out;
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException(where + ": key '" + key + "' must be a non-empty list");
        }
        return value;
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.asString().isBlank()) {
            throw new IllegalArgumentException(where + ": key '" + key + "' is required");
        }
        return value.asString().trim();
    }
}
