package dev.citadel.edge.waf;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A request split into the collections rules target (see {@link Target}); built by {@link RequestParser}. */
final class ParsedRequest {

    final String path;
    private final Map<Target.Kind, List<InspectedValue>> values = new EnumMap<>(Target.Kind.class);
    private final List<InspectedValue> headers = new ArrayList<>();

    ParsedRequest(String path) {
        this.path = path;
    }

    void add(Target.Kind kind, String name, String text) {
        values.computeIfAbsent(kind, k -> new ArrayList<>()).add(new InspectedValue(name, text));
    }

    void addHeader(String lowerName, String value) {
        headers.add(new InspectedValue(lowerName, value));
    }

    void flag(String fact) {
        List<InspectedValue> flags = values.computeIfAbsent(Target.Kind.FLAGS, k -> new ArrayList<>());
        for (InspectedValue v : flags) {
            if (v.text().equals(fact)) {
                return;
            }
        }
        flags.add(new InspectedValue(null, fact));
    }

    List<InspectedValue> values(Target target) {
        if (target.kind() == Target.Kind.HEADERS) {
            if (target.selector() == null) {
                return headers;
            }
            List<InspectedValue> selected = new ArrayList<>(1);
            for (InspectedValue h : headers) {
                if (h.name().equals(target.selector())) {
                    selected.add(h);
                }
            }
            return selected;
        }
        return values.getOrDefault(target.kind(), List.of());
    }

    List<String> flags() {
        return values.getOrDefault(Target.Kind.FLAGS, List.of()).stream().map(InspectedValue::text).toList();
    }
}
