package dev.citadel.edge.admin;

import dev.citadel.edge.headers.SecurityHeadersHandler;
import dev.citadel.edge.tls.HandshakeFailureHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.util.function.Supplier;
import io.netty.handler.timeout.ReadTimeoutHandler;

/** Management listener pipeline: idle limit, mTLS (a certificate of the operator CA
 * REQUIRED), HTTP/1.1, the allowed operator identities, the admin API. */
public final class AdminInitializer extends ChannelInitializer<Channel> {
    private final Supplier<SslContext> ssl;
    private final HandshakeFailureHandler handshakeFailures;
    private final SecurityHeadersHandler securityHeaders;
    private final OperatorIdentityHandler identity;
    private final AdminHandler handler;

    public AdminInitializer(Supplier<SslContext> ssl, HandshakeFailureHandler handshakeFailures,
                            SecurityHeadersHandler securityHeaders, OperatorIdentityHandler identity,
                            AdminHandler handler) {
        this.ssl = ssl;
        this.handshakeFailures = handshakeFailures;
        this.securityHeaders = securityHeaders;
        this.identity = identity;
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast("idle", new ReadTimeoutHandler(60))
                .addLast("tls", ssl.get().newHandler(ch.alloc()))
                .addLast(HandshakeFailureHandler.NAME, handshakeFailures)
                .addLast("http-codec", new HttpServerCodec())
                .addLast(SecurityHeadersHandler.NAME, securityHeaders)
                .addLast("aggregator", new HttpObjectAggregator(64 * 1024))
                .addLast(OperatorIdentityHandler.NAME, identity)
                .addLast("admin", handler);
    }
}
