package dev.citadel.edge.probe;

import dev.citadel.edge.config.EdgeProperties.Origin;
import dev.citadel.edge.config.EdgeProperties.Probes;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.edge.origin.OriginRegistry.OriginView;
import dev.citadel.edge.proxy.BackendHandler;
import dev.citadel.edge.proxy.OriginPool;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Active health probes: every interval, {@code HEAD} of each origin's probe target (by default the origin itself
 * and {@code probes.path}) for every origin (enabled or not, so operators
 * see the health of a drained stamp before they re-enable it) over the same mTLS as live traffic and with the
 * edge-id header each stamp demands (its own). A probe counts as passed on any 2xx within the probe timeout. A 503
 * whose {@value #VERDICT_HEADER} is {@code dependency-down} (the stamp's Cassandra or Kafka is gone) ejects the
 * origin at once instead of waiting for the window to fill with failures; any other failed probe (a red score, out
 * of rotation, a timeout) only enters the window. At most one probe per origin is in flight, so a hanging origin
 * cannot pile probes up. Runs on one event loop.
 */
public final class ProbeScheduler {
    /** The header health-service names the reason of an unhealthy verdict in. */
    public static final String VERDICT_HEADER = "X-Citadel-Verdict";
    public static final String DEPENDENCY_DOWN = "dependency-down";

    private final OriginRegistry registry;
    private final Probes cfg;
    private final EventLoop loop;
    private final OriginPool pool;
    private final Set<String> inFlight = new HashSet<>();
    private ScheduledFuture<?> ticker;

    public ProbeScheduler(OriginRegistry registry, Probes cfg, EventLoop loop, OriginPool pool) {
        this.registry = registry;
        this.cfg = cfg;
        this.loop = loop;
        this.pool = pool;
    }

    public void start() {
        ticker = loop.scheduleAtFixedRate(this::tick, 0, cfg.intervalMs(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        loop.execute(pool::closeAll);
    }

    private void tick() {
        for (OriginView v : registry.all()) {
            if (inFlight.add(v.origin().name())) {
                probe(v.origin());
            }
        }
    }

    private void probe(Origin origin) {
        Origin target = origin.probeOrigin();
        pool.acquire(target).addListener((Future<Channel> f) -> {
            if (f.isSuccess()) {
                send(target, f.getNow());
            } else {
                done(origin, false, "connect failed: " + f.cause().getClass().getSimpleName());
            }
        });
    }

    private void send(Origin origin, Channel ch) {
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            ch.pipeline().get(BackendHandler.class).listener(null);
            ch.close();
            done(origin, false, "timed out after " + cfg.timeoutMs() + " ms");
        }, cfg.timeoutMs(), TimeUnit.MILLISECONDS);
        ch.pipeline().get(BackendHandler.class).listener(new BackendHandler.Listener() {
            @Override
            public void onResponse(FullHttpResponse response) {
                timeout.cancel(false);
                int code = response.status().code();
                boolean dependencyDown = code == 503
                        && DEPENDENCY_DOWN.equalsIgnoreCase(response.headers().get(VERDICT_HEADER));
                pool.release(origin, ch, HttpUtil.isKeepAlive(response));
                response.release();
                if (dependencyDown) {
                    dependencyDown(origin);
                } else {
                    done(origin, code >= 200 && code < 300, "HTTP " + code);
                }
            }

            @Override
            public void onFailure(Throwable cause) {
                timeout.cancel(false);
                done(origin, false, "connection lost");
            }
        });
        FullHttpRequest head = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.HEAD, origin.probe().path());
        head.headers().set(HttpHeaderNames.HOST, origin.tlsServerName()).set("X-Edge-Id", origin.edgeId().value())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        ch.writeAndFlush(head);
    }

    private void dependencyDown(Origin origin) {
        if (inFlight.remove(origin.name())) {
            registry.health(origin.name()).probeDependencyDown("HTTP 503 " + DEPENDENCY_DOWN, System.currentTimeMillis());
        }
    }

    private void done(Origin origin, boolean ok, String reason) {
        if (inFlight.remove(origin.name())) {
            registry.health(origin.name()).probeResult(ok, reason, System.currentTimeMillis());
        }
    }
}
