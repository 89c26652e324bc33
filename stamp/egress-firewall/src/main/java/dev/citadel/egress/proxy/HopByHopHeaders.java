package dev.citadel.egress.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 9110 §7.6.1: connection-specific fields belong to one hop and are not forwarded: Connection and the fields it
 * names, Keep-Alive, TE, Trailer, Upgrade, and every Proxy-* field (the client's credential above all). Transfer-Encoding
 * is framing, which the codecs on each side redo.
 */
final class HopByHopHeaders {
    private static final List<CharSequence> FIXED = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);

    private HopByHopHeaders() {
    }

    static void strip(HttpHeaders headers) {
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                if (!token.isBlank()) {
                    headers.remove(token.trim());
                }
            }
        }
        FIXED.forEach(headers::remove);
        List<String> proxy = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().regionMatches(true, 0, "proxy-", 0, 6)) {
                proxy.add(h.getKey());
            }
        }
        proxy.forEach(headers::remove);
    }
}
