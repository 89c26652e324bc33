package dev.citadel.edge.proxy;

import dev.citadel.edge.tls.HandshakeFailureLog;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.util.function.Supplier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link OriginPool} per event loop; each pool is then used only from its own loop. */
public final class OriginPools {
    private final Map<EventLoop, OriginPool> pools = new ConcurrentHashMap<>();
    private final Supplier<SslContext> ssl;
    private final Class<? extends Channel> channelClass;
    private final int connectMillis;
    private final int maxResponseBytes;
    private final HandshakeFailureLog handshakeFailures;

    public OriginPools(Supplier<SslContext> ssl, Class<? extends Channel> channelClass, int connectMillis, int maxResponseBytes,
                       HandshakeFailureLog handshakeFailures) {
        this.handshakeFailures = handshakeFailures;
        this.ssl = ssl;
        this.channelClass = channelClass;
        this.connectMillis = connectMillis;
        this.maxResponseBytes = maxResponseBytes;
    }

    OriginPool forLoop(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new OriginPool(l, ssl, channelClass, connectMillis, maxResponseBytes,
                handshakeFailures));
    }

    public void closeAll() {
        pools.forEach((loop, pool) -> loop.execute(pool::closeAll));
    }
}
