package dev.citadel.edge.cache;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * What a shared cache may keep (RFC 9111 §3, deliberately conservative): only 200 answers to plain GETs without
 * credentials, explicitly {@code public} or with {@code max-age}/{@code s-maxage}, never {@code private},
 * {@code no-store} or {@code no-cache}, never with {@code Set-Cookie} or {@code Vary}.
 */
public final class CachePolicy {
    private CachePolicy() {
    }

    public static boolean mayLookUp(HttpRequest req) {
        if (!HttpMethod.GET.equals(req.method()) || req.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            return false;
        }
        String cc = req.headers().get(HttpHeaderNames.CACHE_CONTROL, "").toLowerCase(Locale.ROOT);
        return !cc.contains("no-cache") && !cc.contains("no-store")
                && !req.headers().contains(HttpHeaderNames.PRAGMA, "no-cache", true);
    }

    /** @return seconds the response may be served from the edge, or 0 when it must not be stored. */
    public static long freshSeconds(HttpRequest req, HttpResponse res) {
        if (!mayLookUp(req) || !HttpResponseStatus.OK.equals(res.status())
                || res.headers().contains(HttpHeaderNames.SET_COOKIE) || res.headers().contains(HttpHeaderNames.VARY)) {
            return 0;
        }
        long maxAge = -1;
        long sMaxAge = -1;
        boolean isPublic = false;
        for (String directive : res.headers().get(HttpHeaderNames.CACHE_CONTROL, "").split(",")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            if (d.equals("private") || d.startsWith("private=") || d.equals("no-store") || d.equals("no-cache")
                    || d.startsWith("no-cache=")) {
                return 0;
            }
            if (d.equals("public")) {
                isPublic = true;
            } else if (d.startsWith("max-age=")) {
                maxAge = seconds(d.substring(8));
            } else if (d.startsWith("s-maxage=")) {
                sMaxAge = seconds(d.substring(9));
            }
        }
        long ttl = sMaxAge >= 0 ? sMaxAge : maxAge;
        return (isPublic || ttl >= 0) ? Math.max(0, ttl) : 0;
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.replace("\"", "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
