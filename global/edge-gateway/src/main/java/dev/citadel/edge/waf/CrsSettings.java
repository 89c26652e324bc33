package dev.citadel.edge.waf;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code waf.crs:} section: where the OWASP Core Rule Set is and how it is tuned. The edge fronts a REST API, so
 * {@code allowedMethods} defaults to the REST verbs (CRS's own list lacks PUT, PATCH and DELETE);
 * {@code allowedContentTypes} defaults to CRS's own (null here).
 */
public record CrsSettings(Path rulesDir, Path setupFile, int paranoiaLevel, List<String> allowedMethods,
                          List<String> allowedContentTypes) {

    static final Set<String> KEYS = Set.of("rulesDir", "setupFile", "paranoiaLevel", "allowedMethods",
            "allowedContentTypes");
    static final Path DEFAULT_RULES = Path.of("/usr/share/modsecurity-crs/rules");
    static final Path DEFAULT_SETUP = Path.of("/etc/modsecurity/crs/crs-setup.conf");
    static final List<String> REST_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~/-]+");

    public CrsSettings {
        if (paranoiaLevel < 1 || paranoiaLevel > 4) {
            throw new IllegalArgumentException("waf.crs.paranoiaLevel must be 1..4, was " + paranoiaLevel);
        }
        allowedMethods = allowedMethods == null ? null : List.copyOf(allowedMethods);
        allowedContentTypes = allowedContentTypes == null ? null : List.copyOf(allowedContentTypes);
        // These values are written into SecLang setvar actions: only HTTP tokens may get there.
        for (List<String> l : java.util.Arrays.asList(allowedMethods, allowedContentTypes)) {
            if (l != null) {
                for (String v : l) {
                    if (!TOKEN.matcher(v).matches()) {
                        throw new IllegalArgumentException("waf.crs: '" + v + "' is not an HTTP token");
                    }
                }
            }
        }
    }

    public static CrsSettings defaults() {
        return new CrsSettings(DEFAULT_RULES, DEFAULT_SETUP, 1, REST_METHODS, null);
    }

    static CrsSettings fromMap(Object raw) {
        if (raw == null) {
            return defaults();
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("waf.crs: must be a map");
        }
        for (Object key : m.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("waf.crs." + key + ": unknown key (known: " + KEYS + ")");
            }
        }
        Object pl = m.get("paranoiaLevel");
        if (pl != null && !(pl instanceof Integer)) {
            throw new IllegalArgumentException("waf.crs.paranoiaLevel: must be an integer 1..4, was '" + pl + "'");
        }
        return new CrsSettings(path(m.get("rulesDir"), DEFAULT_RULES), path(m.get("setupFile"), DEFAULT_SETUP),
                pl == null ? 1 : (Integer) pl, orDefault(strings(m.get("allowedMethods"), "allowedMethods", false), REST_METHODS),
                strings(m.get("allowedContentTypes"), "allowedContentTypes", true));
    }

    private static List<String> orDefault(List<String> v, List<String> dflt) {
        return v == null ? dflt : v;
    }

    private static Path path(Object o, Path dflt) {
        return o == null ? dflt : Path.of(String.valueOf(o));
    }

    private static List<String> strings(Object o, String key, boolean lower) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("waf.crs." + key + ": must be a non-empty list");
        }
        return l.stream().map(String::valueOf).map(s -> lower ? s.toLowerCase(Locale.ROOT) : s).toList();
    }
}
