package dev.citadel.edge.waf;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small builders for WAF requests in unit tests. */
final class WafRequests {

    private WafRequests() { }

    static List<Map.Entry<String, String>> headers(String... nameValues) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        h.add(new SimpleEntry<>("Host", "shop.citadel.example"));
        h.add(new SimpleEntry<>("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"));
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(new SimpleEntry<>(nameValues[i], nameValues[i + 1]));
        }
        return h;
    }

    static WafRequest get(String uri, String... headers) {
        return WafRequest.of("GET", uri, headers(headers), "192.0.2.1");
    }

    static WafRequest json(String method, String uri, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new WafRequest(method, uri, headers("Content-Type", "application/json",
                "Content-Length", Integer.toString(bytes.length)), "192.0.2.1", bytes, bytes.length);
    }

    static WafRequest form(String uri, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new WafRequest("POST", uri, headers("Content-Type", "application/x-www-form-urlencoded",
                "Content-Length", Integer.toString(bytes.length)), "192.0.2.1", bytes, bytes.length);
    }
}
