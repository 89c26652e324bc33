package dev.citadel.edge.waf;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the WAF inspects: the request as received, before any routing. {@code body} may be truncated (the
 * caller need not copy more than {@link WafPolicy#maxBodyBytes()}); {@code bodyLength} is the full length,
 * so an oversized body is still recognised. Header names keep their case and order; duplicates are kept.
 */
public record WafRequest(String method, String uri, List<Map.Entry<String, String>> headers, String clientAddress,
                         byte[] body, long bodyLength) {

    public WafRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        if (bodyLength < body.length) {
            throw new IllegalArgumentException("bodyLength " + bodyLength + " < body.length " + body.length);
        }
    }

    /** A request without a body. */
    public static WafRequest of(String method, String uri, List<Map.Entry<String, String>> headers,
                                String clientAddress) {
        return new WafRequest(method, uri, headers, clientAddress, new byte[0], 0);
    }

    /** First value of the header named {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    int headerCount(String name) {
        int n = 0;
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                n++;
            }
        }
        return n;
    }
}
