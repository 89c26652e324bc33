package dev.citadel.cli.k8s;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny builders for ordered YAML trees, so a manifest reads top-down like the YAML it becomes. */
final class Y {

    private Y() {}

    /** An ordered map from alternating keys and values; a {@code null} value leaves its key out. */
    static Map<String, Object> m(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    static List<Object> l(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Map<String, Object> resource(String apiVersion, String kind, String name, String namespace,
                                        Map<String, String> labels, Object spec) {
        return m("apiVersion", apiVersion, "kind", kind,
                "metadata", m("name", name, "namespace", namespace, "labels", labels == null || labels.isEmpty() ? null : labels),
                "spec", spec);
    }
}
