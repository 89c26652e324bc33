package dev.citadel.edge.proxy;

import dev.citadel.edge.config.EdgeProperties.Origin;
import dev.citadel.edge.tls.HandshakeFailureLog;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.handler.ssl.SslHandler;
import java.util.function.Supplier;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to the origins for ONE event loop (STYLE §6: the outbound channel lives on the inbound
 * channel's loop, so no locks and no thread hops). A connection counts as acquired only after its mTLS handshake
 * succeeded, so "connect failure" means no byte of any request reached the origin. A connection opened with a TLS
 * context that has since been replaced (the client certificate or the origin CA changed on disk) is closed instead of
 * reused, so after a rotation no new request travels with the previous certificate, and an origin that stops
 * trusting the previous CA sees none of it again.
 */
public final class OriginPool {
    static final String BACKEND = "backend";
    private static final int MAX_IDLE_PER_ORIGIN = 64;
    private static final AttributeKey<SslContext> OPENED_WITH = AttributeKey.valueOf("citadel.origin.tls");

    private final EventLoop loop;
    private final Supplier<SslContext> ssl;
    private final Class<? extends Channel> channelClass;
    private final int connectMillis;
    private final int maxResponseBytes;
    private final HandshakeFailureLog handshakeFailures;
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();

    public OriginPool(EventLoop loop, Supplier<SslContext> ssl, Class<? extends Channel> channelClass, int connectMillis,
               int maxResponseBytes, HandshakeFailureLog handshakeFailures) {
        this.handshakeFailures = handshakeFailures;
        this.loop = loop;
        this.ssl = ssl;
        this.channelClass = channelClass;
        this.connectMillis = connectMillis;
        this.maxResponseBytes = maxResponseBytes;
    }

    public Future<Channel> acquire(Origin origin) {
        ArrayDeque<Channel> q = idle.get(origin.name());
        while (q != null && !q.isEmpty()) {
            Channel ch = q.pollLast(); // most recently used: least likely to have been closed by the origin
            if (ch.isActive() && current(ch)) {
                return loop.newSucceededFuture(ch);
            }
            ch.close();
        }
        return connect(origin);
    }

    public void release(Origin origin, Channel ch, boolean reusable) {
        ArrayDeque<Channel> q = idle.computeIfAbsent(origin.name(), k -> new ArrayDeque<>());
        if (reusable && ch.isActive() && current(ch) && q.size() < MAX_IDLE_PER_ORIGIN) {
            q.addLast(ch);
        } else {
            ch.close();
        }
    }

    /** Whether the connection was opened with the TLS context in use now (it is replaced when its files change). */
    private boolean current(Channel ch) {
        return ch.attr(OPENED_WITH).get() == ssl.get();
    }

    private Future<Channel> connect(Origin origin) {
        Promise<Channel> promise = loop.newPromise();
        Bootstrap b = new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslContext context = ssl.get();
                        ch.attr(OPENED_WITH).set(context);
                        SslHandler tls = context.newHandler(ch.alloc(), origin.tlsServerName(), origin.port());
                        tls.setHandshakeTimeout(connectMillis, TimeUnit.MILLISECONDS);
                        ch.pipeline().addLast("tls", tls)
                                .addLast("codec", new HttpClientCodec())
                                .addLast("aggregator", new HttpObjectAggregator(maxResponseBytes))
                                .addLast(BACKEND, new BackendHandler());
                    }
                });
        ChannelFuture cf = b.connect(origin.host(), origin.port());
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            Channel ch = cf.channel();
            ch.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    ch.closeFuture().addListener(c -> forget(origin, ch));
                    promise.trySuccess(ch);
                } else {
                    // An origin with a wrong name or CA, or no TLS at all: one rate-limited line, and counted.
                    handshakeFailures.record("origin", ch.remoteAddress(), h.cause());
                    ch.close();
                    promise.tryFailure(h.cause());
                }
            });
        });
        return promise;
    }

    private void forget(Origin origin, Channel ch) {
        ArrayDeque<Channel> q = idle.get(origin.name());
        if (q != null) {
            q.remove(ch);
        }
    }

    public void closeAll() {
        // Copy first: closing a channel runs forget() at once, which edits these queues.
        java.util.List<Channel> all = new java.util.ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        all.forEach(Channel::close);
    }
}
