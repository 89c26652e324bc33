package dev.citadel.edge.proxy;

import dev.citadel.edge.config.EdgeProperties.Origin;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the client's request into the request sent to an origin (RFC 9110 §7.6.1 hop-by-hop rules plus the
 * edge's identity headers, the edge id being the one of the origin's own stamp). Pure: the buffered client request is untouched, so a retry rewrites it afresh.
 */
public final class RequestRewriter {
    static final String EDGE_ID = "X-Edge-Id";
    private static final Pattern TRACEPARENT = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    /** AsciiStrings cache their hash: these are removed from every request. */
    private static final List<AsciiString> HOP_BY_HOP = Stream.of("connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade", "proxy-connection", "proxy-authorization", "proxy-authenticate",
            "http2-settings", "expect").map(AsciiString::cached).toList();
    private static final AsciiString PROXY_PREFIX = AsciiString.cached("proxy-");

    /** @return a new request sharing (retained) the body bytes of {@code in}; the caller owns it. */
    public FullHttpRequest rewrite(FullHttpRequest in, Origin origin, String clientIp) {
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, in.method(), in.uri(),
                in.content().retainedDuplicate());
        HttpHeaders h = out.headers();
        h.set(in.headers());
        stripHopByHop(h);
        String host = in.headers().get(HttpHeaderNames.HOST);
        // The edge is the trust boundary: whatever a client claims in these headers is replaced, never appended.
        h.remove("Forwarded");
        h.set("X-Forwarded-For", clientIp);
        h.set("X-Forwarded-Proto", "https");
        if (host != null) {
            h.set("X-Forwarded-Host", host);
        } else {
            h.remove("X-Forwarded-Host");
        }
        h.set(EDGE_ID, origin.edgeId().value()); // the id of this origin's stamp, not of any other
        h.set(HttpHeaderNames.HOST, origin.tlsServerName());
        String traceparent = h.get("traceparent");
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            h.set("traceparent", newTraceparent());
            h.remove("tracestate");
        }
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, out.content().readableBytes());
        return out;
    }

    /**
     * Removes hop-by-hop fields, including every field named in Connection and every {@code Proxy-*} field.
     * {@code Expect} goes too: the edge already holds the whole body, and an origin's interim 100 must not be
     * mistaken for its answer.
     */
    public static void stripHopByHop(HttpHeaders h) {
        if (h.contains(HttpHeaderNames.CONNECTION)) {
            List<String> named = new ArrayList<>();
            for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
                for (String token : value.split(",")) {
                    if (!token.isBlank()) {
                        named.add(token.trim());
                    }
                }
            }
            named.forEach(h::remove);
        }
        HOP_BY_HOP.forEach(h::remove);
        List<CharSequence> proxy = null;
        Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
        while (it.hasNext()) {
            CharSequence name = it.next().getKey();
            if (AsciiString.regionMatches(name, true, 0, PROXY_PREFIX, 0, PROXY_PREFIX.length())) {
                if (proxy == null) {
                    proxy = new ArrayList<>();
                }
                proxy.add(name);
            }
        }
        if (proxy != null) {
            proxy.forEach(h::remove);
        }
    }

    static String newTraceparent() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        r.nextBytes(trace);
        r.nextBytes(span);
        trace[0] |= 1; // never the all-zero (invalid) id
        span[0] |= 1;
        HexFormat hex = HexFormat.of();
        return "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-01";
    }
}
