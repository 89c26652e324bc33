package dev.citadel.edge.projection;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the internet may see of a stamp's health documents ({@code /health/stamp}, {@code /health/model}, …) when
 * they are relayed through a route with {@code healthProjection}: an allow-list of keys (names, statuses, levels,
 * scores, thresholds, values and timestamps) applied at every depth. Everything else is dropped, in particular a
 * component's {@code source} (a stamp-internal metrics URL), {@code note} and a check's {@code detail} (error text
 * that names hosts and ports). A body that is not JSON is dropped whole: unknown text could hold anything.
 */
public final class HealthProjection {
    static final Set<String> ALLOWED = Set.of("status", "score", "level", "name", "region", "stamp", "evaluatedAt",
            "checkedAt", "lastRun", "window", "flows", "components", "signals", "checks", "value", "unit", "yellow",
            "red", "durationMs");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private HealthProjection() {
    }

    /**
     * @return the same status and headers with the projected body (Content-Length adjusted unless it answers a
     *         HEAD); {@code response} is released
     */
    public static FullHttpResponse apply(FullHttpResponse response, boolean head) {
        byte[] projected = project(bytes(response), response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        FullHttpResponse out = response.replace(Unpooled.wrappedBuffer(projected));
        response.release();
        if (!head) {
            if (projected.length == 0) {
                out.headers().remove(HttpHeaderNames.CONTENT_TYPE);
            }
            out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, projected.length);
        }
        return out;
    }

    private static byte[] bytes(FullHttpResponse r) {
        byte[] b = new byte[r.content().readableBytes()];
        r.content().getBytes(r.content().readerIndex(), b);
        return b;
    }

    /** The projected body; empty when the input is empty, not JSON, or unparseable. */
    static byte[] project(byte[] body, String contentType) {
        if (body.length == 0 || contentType == null || !contentType.toLowerCase().contains("json")) {
            return new byte[0];
        }
        try {
            return JSON.writeValueAsBytes(keep(JSON.readValue(body, Object.class)));
        } catch (JacksonException e) {
            return new byte[0];
        }
    }

    private static Object keep(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (ALLOWED.contains(String.valueOf(k))) {
                    out.put(String.valueOf(k), keep(v));
                }
            });
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(keep(v)));
            return out;
        }
        return node;
    }
}
