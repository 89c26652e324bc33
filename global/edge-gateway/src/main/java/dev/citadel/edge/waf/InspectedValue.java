package dev.citadel.edge.waf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One value a rule can look at, with the argument or header name it came from. Rules share a few
 * transformation chains, so each chain's result is computed once per value and request.
 */
final class InspectedValue {

    private final String name;
    private final String text;
    private Map<List<Transformation>, String> transformed;

    InspectedValue(String name, String text) {
        this.name = name;
        this.text = text;
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    String transformed(List<Transformation> chain) {
        if (chain.isEmpty()) {
            return text;
        }
        if (transformed == null) {
            transformed = new HashMap<>(8);
        }
        String cached = transformed.get(chain);
        if (cached == null) {
            cached = text;
            for (Transformation t : chain) {
                cached = t.apply(cached);
            }
            transformed.put(chain, cached);
        }
        return cached;
    }
}
