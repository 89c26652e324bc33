package dev.citadel.edge.waf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code waf:} section of the edge config, bound from the raw YAML map: {@code enabled} (default true),
 * {@code mode} (prevention|detection, default prevention), {@code inboundAnomalyThreshold} (default 5),
 * {@code maxBodyBytes} (default 65536), {@code exclusions} (list of {ruleId, pathPrefix?, argName?}),
 * {@code engine} (crs|builtin, default crs: the OWASP Core Rule Set), {@code ownRules} (ids of bundled rules run
 * after CRS) and {@code crs} ({@link CrsSettings}).
 * Unknown keys and wrong types are refused with a message naming the key.
 */
public record WafConfig(boolean enabled, WafPolicy policy, String engine, CrsSettings crs, List<String> ownRules) {

    static final Set<String> KEYS = Set.of("enabled", "mode", "inboundAnomalyThreshold", "maxBodyBytes",
            "exclusions", "engine", "crs", "ownRules");
    /** The hand-written rules bundled with the edge. */
    public static final String BUILTIN = "builtin";
    /** The OWASP Core Rule Set run by the SecLang engine. */
    public static final String CRS = "crs";

    public WafConfig {
        ownRules = List.copyOf(ownRules);
    }

    public WafConfig(boolean enabled, WafPolicy policy) {
        this(enabled, policy, CRS, CrsSettings.defaults(), List.of());
    }
    private static final Set<String> EXCLUSION_KEYS = Set.of("ruleId", "pathPrefix", "argName");

    public static WafConfig defaults() {
        return new WafConfig(true, WafPolicy.defaults());
    }

    public static WafConfig fromMap(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return defaults();
        }
        for (String key : raw.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("waf." + key + ": unknown key (known: " + KEYS + ")");
            }
        }
        boolean enabled = bool(raw.get("enabled"), true, "waf.enabled");
        WafMode mode = raw.containsKey("mode") ? WafMode.parse(String.valueOf(raw.get("mode"))) : WafMode.PREVENTION;
        int threshold = integer(raw.get("inboundAnomalyThreshold"), WafPolicy.DEFAULT_THRESHOLD,
                "waf.inboundAnomalyThreshold");
        int maxBody = integer(raw.get("maxBodyBytes"), WafPolicy.DEFAULT_MAX_BODY_BYTES, "waf.maxBodyBytes");
        String engine = raw.containsKey("engine") ? String.valueOf(raw.get("engine")) : CRS;
        if (!engine.equals(BUILTIN) && !engine.equals(CRS)) {
            throw new IllegalArgumentException("waf.engine: must be builtin or crs, was '" + engine + "'");
        }
        return new WafConfig(enabled, new WafPolicy(mode, threshold, maxBody, exclusions(raw.get("exclusions"))),
                engine, CrsSettings.fromMap(raw.get("crs")), ownRules(raw.get("ownRules")));
    }

    private static List<RuleExclusion> exclusions(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("waf.exclusions: must be a list, was " + raw.getClass().getSimpleName());
        }
        List<RuleExclusion> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "waf.exclusions[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(where + ": must be a map with ruleId, pathPrefix, argName");
            }
            for (Object key : m.keySet()) {
                if (!EXCLUSION_KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(where + "." + key + ": unknown key (known: " + EXCLUSION_KEYS + ")");
                }
            }
            Object ruleId = m.get("ruleId");
            if (ruleId == null || String.valueOf(ruleId).isBlank()) {
                throw new IllegalArgumentException(where + ".ruleId: required");
            }
            out.add(new RuleExclusion(String.valueOf(ruleId), stringOrNull(m.get("pathPrefix")),
                    stringOrNull(m.get("argName"))));
        }
        return out;
    }

    private static List<String> ownRules(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("waf.ownRules: must be a list of bundled rule ids");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static String stringOrNull(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static boolean bool(Object o, boolean dflt, String key) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + ": must be true or false, was '" + o + "'");
    }

    private static int integer(Object o, int dflt, String key) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException(key + ": must be an integer, was '" + o + "'");
    }
}
