package dev.citadel.edge.proxy;

import dev.citadel.edge.cache.CachePolicy;
import dev.citadel.edge.cache.ResponseCache;
import dev.citadel.edge.observe.AccessLogHandler;
import dev.citadel.edge.origin.LiveSignal;
import dev.citadel.edge.origin.OriginHealth;
import dev.citadel.edge.origin.OriginRegistry.OriginView;
import dev.citadel.edge.projection.HealthProjection;
import dev.citadel.edge.reject.RejectReason;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client request on its way to an origin, with at most one retry on ANOTHER origin within the overall deadline.
 * Idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE, and a POST carrying an {@code Idempotency-Key}, which the
 * API de-duplicates) are retried after a connect failure, a lost connection, a per-try timeout or a 503; any other
 * request only after a connect failure (the pool hands out a connection only after its handshake, so then no byte
 * was sent). What the answer says about the origin is read by {@link LiveSignal}: a dependency-down 503 ejects it at
 * once, other failures count, overload and slowness never do, and the last serving origin of a group is never
 * ejected for counted failures. Runs entirely on the client channel's event loop, as do the pooled origin
 * connections it borrows.
 */
final class ProxyCall implements BackendHandler.Listener {
    private static final int MAX_ATTEMPTS = 2;
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ProxyRuntime rt;
    private final ChannelHandlerContext client;
    private final FullHttpRequest request;
    private final String group;
    private final String clientIp;
    /** The stamp the request named (route's stamp header), or null: then normal selection, retries and caching. */
    private final String pinnedStamp;
    /** The route's answers are stamp health documents: relay only their public projection. */
    private final boolean projectHealth;
    private final boolean idempotent;
    private final long deadlineNanos;
    private final OriginPool pool;
    private final Set<String> tried = new HashSet<>();
    private int attempts;
    private OriginView current;
    private Channel upstream;
    private ScheduledFuture<?> timer;

    ProxyCall(ProxyRuntime rt, ChannelHandlerContext client, FullHttpRequest request, String group, String clientIp,
              String pinnedStamp, boolean projectHealth) {
        this.projectHealth = projectHealth;
        this.rt = rt;
        this.client = client;
        this.request = request;
        this.group = group;
        this.clientIp = clientIp;
        this.pinnedStamp = pinnedStamp;
        this.idempotent = idempotent(request);
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rt.timeouts().overallMs());
        this.pool = rt.pools().forLoop(client.channel().eventLoop());
    }

    /** A POST is safe to send twice only when it names its Idempotency-Key: the API answers a repeat once. */
    static boolean idempotent(FullHttpRequest request) {
        return IDEMPOTENT.contains(request.method())
                || (HttpMethod.POST.equals(request.method()) && request.headers().contains(IDEMPOTENCY_KEY));
    }

    void start() {
        if (pinnedStamp != null) {
            OriginView named = rt.selector().selectStamp(group, pinnedStamp);
            if (named == null) {
                fail(RejectReason.NO_SUCH_STAMP, "No enabled origin of stamp '" + pinnedStamp + "' in group '"
                        + group + "'.");
                return;
            }
            attempt(named);
            return;
        }
        OriginView first = rt.selector().select(group, tried, ThreadLocalRandom.current());
        if (first == null) {
            fail(RejectReason.NO_ORIGIN, "No enabled origin in group '" + group + "'.");
            return;
        }
        attempt(first);
    }

    private void attempt(OriginView origin) {
        current = origin;
        tried.add(origin.origin().name());
        attempts++;
        pool.acquire(origin.origin()).addListener((Future<Channel> f) -> {
            if (f.isSuccess()) {
                send(f.getNow());
            } else {
                connectFailed(f.cause());
            }
        });
    }

    private void send(Channel ch) {
        if (!client.channel().isActive()) {
            pool.release(current.origin(), ch, true);
            request.release();
            return;
        }
        upstream = ch;
        ch.pipeline().get(BackendHandler.class).listener(this);
        long tryNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(rt.timeouts().tryMs()), deadlineNanos - System.nanoTime());
        timer = ch.eventLoop().schedule(this::onTimeout, Math.max(1, tryNanos), TimeUnit.NANOSECONDS);
        ch.writeAndFlush(rt.rewriter().rewrite(request, current.origin(), clientIp)).addListener(w -> {
            if (!w.isSuccess()) {
                ch.close(); // BackendHandler.channelInactive then reports the failure to us
            }
        });
    }

    private void connectFailed(Throwable cause) {
        health().connectFailed(cause.getClass().getSimpleName());
        rt.metrics().upstreamFailure(name(), "connect");
        // Nothing reached the origin, so every method may go elsewhere.
        if (!retry("connect")) {
            fail(RejectReason.NO_ORIGIN, "No origin of group '" + group + "' could be reached.");
        }
    }

    @Override
    public void onResponse(FullHttpResponse response) {
        cancelTimer();
        Channel ch = upstream;
        upstream = null;
        int code = response.status().code();
        LiveSignal signal = LiveSignal.of(code, response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                code == 503 ? ByteBufUtil.getBytes(response.content()) : null);
        switch (signal) {
            case SUCCESS -> health().liveSuccess();
            case OVERLOAD -> rt.metrics().upstreamFailure(name(), "overload-" + code);
            case DEPENDENCY_DOWN -> {
                health().dependencyDown("status 503 dependency-unavailable");
                rt.metrics().upstreamFailure(name(), "dependency-down");
            }
            case FAILURE -> {
                liveFailure("status " + code);
                rt.metrics().upstreamFailure(name(), "status-" + code);
            }
        }
        pool.release(current.origin(), ch, HttpUtil.isKeepAlive(response));
        if (code == 503 && idempotent && retry("503")) {
            response.release();
            return;
        }
        relay(response);
    }

    @Override
    public void onFailure(Throwable cause) {
        cancelTimer();
        upstream = null;
        liveFailure("connection lost");
        rt.metrics().upstreamFailure(name(), "io");
        if (!(idempotent && retry("io"))) {
            fail(RejectReason.UPSTREAM_FAILED, "The origin closed the connection.");
        }
    }

    private void onTimeout() {
        Channel ch = upstream;
        upstream = null;
        if (ch == null) {
            return;
        }
        ch.pipeline().get(BackendHandler.class).listener(null);
        ch.close(); // a late answer must never be read as the next request's
        // Slowness is what a stamp that just took over the load looks like: retried, never counted towards ejection
        // (a hung stamp fails its probes instead).
        rt.metrics().upstreamFailure(name(), "timeout");
        if (!(idempotent && retry("timeout"))) {
            fail(RejectReason.UPSTREAM_TIMEOUT, "The origin did not answer in time.");
        }
    }

    /** @return true when another origin was found and tried. */
    private boolean retry(String cause) {
        if (pinnedStamp != null || attempts >= MAX_ATTEMPTS || System.nanoTime() >= deadlineNanos
                || !client.channel().isActive()) {
            return false;
        }
        OriginView next = rt.selector().selectRetry(group, tried, ThreadLocalRandom.current());
        if (next == null) {
            return false;
        }
        rt.metrics().retry(cause);
        attempt(next);
        return true;
    }

    private void relay(FullHttpResponse originResponse) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = projectHealth ? HealthProjection.apply(originResponse, head) : originResponse;
        RequestRewriter.stripHopByHop(response.headers());
        if (!head) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        }
        // A stamp-pinned answer is that stamp's alone: never serve it to a request that did not name the stamp.
        long fresh = pinnedStamp != null || !rt.cache().enabled() ? 0 : CachePolicy.freshSeconds(request, response);
        if (fresh > 0) {
            rt.cache().put(ResponseCache.key(request.headers().get(HttpHeaderNames.HOST), request.uri()), response,
                    fresh);
        }
        request.release();
        if (!client.channel().isActive()) {
            response.release();
            return;
        }
        client.channel().attr(AccessLogHandler.ORIGIN).set(name());
        client.writeAndFlush(response);
    }

    private void fail(RejectReason reason, String detail) {
        request.release();
        client.channel().attr(AccessLogHandler.ORIGIN).set(current == null ? null : name());
        if (client.channel().isActive()) {
            rt.rejects().reject(client, reason, null, detail);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void liveFailure(String reason) {
        health().liveFailure(reason, rt.selector().lastServing(group, name()));
    }

    private OriginHealth health() {
        return rt.registry().health(name());
    }

    private String name() {
        return current.origin().name();
    }
}
