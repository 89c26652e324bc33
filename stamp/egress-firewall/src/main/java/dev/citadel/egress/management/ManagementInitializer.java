package dev.citadel.egress.management;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.function.Supplier;

/** Management listener pipeline: idle limit, mTLS (client certificate REQUIRED), HTTP/1.1, the two endpoints. */
public final class ManagementInitializer extends ChannelInitializer<Channel> {
    private final Supplier<SslContext> ssl;
    private final ManagementHandler handler;

    public ManagementInitializer(Supplier<SslContext> ssl, ManagementHandler handler) {
        this.ssl = ssl;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("idle", new ReadTimeoutHandler(30))
                .addLast("tls", ssl.get().newHandler(ch.alloc()))
                .addLast("http-codec", new HttpServerCodec(4096, 8192, 8192))
                .addLast("aggregator", new HttpObjectAggregator(0))
                .addLast(ManagementHandler.NAME, handler);
    }
}
