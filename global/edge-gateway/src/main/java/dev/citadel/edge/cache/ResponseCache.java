package dev.citadel.edge.cache;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The edge cache: an LRU bounded by total body bytes (not entry count, so a few large images cannot blow the heap).
 * Bodies are kept as heap byte arrays so no pooled buffer outlives a request. Shared by all event loops.
 */
public final class ResponseCache {
    private record Entry(HttpResponseStatus status, HttpHeaders headers, byte[] body, long storedNanos,
                         long expiresNanos) {}

    private final long maxBytes;
    private final int maxEntryBytes;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public ResponseCache(long maxBytes, int maxEntryBytes, LongSupplier nanoClock) {
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxEntryBytes;
        this.nanoClock = nanoClock;
    }

    /** False when configured with no room ({@code cache.maxBytes: 0}): callers then skip lookups and stores. */
    public boolean enabled() {
        return maxBytes > 0;
    }

    public static String key(String host, String uri) {
        return (host == null ? "" : host.toLowerCase()) + " " + uri;
    }

    /** @return a fresh copy of the cached response with an {@code Age} header, or null. */
    public synchronized FullHttpResponse get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (now >= e.expiresNanos()) {
            remove(key);
            return null;
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, e.status(),
                Unpooled.wrappedBuffer(e.body()), new DefaultHttpHeaders().set(e.headers()),
                EmptyHttpHeaders.INSTANCE);
        r.headers().set(HttpHeaderNames.AGE, (now - e.storedNanos()) / 1_000_000_000L);
        return r;
    }

    public synchronized void put(String key, FullHttpResponse response, long freshSeconds) {
        int size = response.content().readableBytes();
        if (freshSeconds <= 0 || size > maxEntryBytes || size > maxBytes) {
            return;
        }
        long now = nanoClock.getAsLong();
        remove(key);
        entries.put(key, new Entry(response.status(), new DefaultHttpHeaders().set(response.headers()),
                ByteBufUtil.getBytes(response.content()), now, now + freshSeconds * 1_000_000_000L));
        bytes += size;
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().body().length;
            it.remove();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.body().length;
        }
    }
}
