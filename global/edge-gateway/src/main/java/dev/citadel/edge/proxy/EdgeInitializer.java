package dev.citadel.edge.proxy;

import dev.citadel.edge.config.EdgeProperties.Limits;
import dev.citadel.edge.headers.SecurityHeadersHandler;
import dev.citadel.edge.tls.HandshakeFailureHandler;
import dev.citadel.edge.observe.AccessLog;
import dev.citadel.edge.observe.AccessLogHandler;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.reject.BoundedAggregator;
import dev.citadel.edge.reject.DecoderResultHandler;
import dev.citadel.edge.reject.HeaderCountHandler;
import dev.citadel.edge.reject.Rejects;
import dev.citadel.edge.reject.SlowClientHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.util.function.Supplier;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.Map;

/**
 * The public HTTPS pipeline, in STYLE §6's order: idle limits, TLS (failed handshakes: one
 * rate-limited line) + ALPN, codec (HTTP/1.1, or HTTP/2 translated
 * to HTTP/1.1 objects per stream), security headers on every response, protocol hygiene, aggregation (bounded), access log, security (rate limits,
 * WAF), then routing and relay. Both protocols end in the same {@link #addRequestHandlers} sequence.
 */
public final class EdgeInitializer extends ChannelInitializer<Channel> {
    public static final String IDLE = "idle";
    public static final String TLS = "tls";
    public static final String SLOW_CLIENT = "slow-client";
    public static final String CODEC = "http-codec";
    public static final String KEEP_ALIVE = "keep-alive";
    public static final String AGGREGATOR = "aggregator";
    public static final String PIPELINING = "pipelining";
    public static final String EXCHANGE = "slow-client-exchange";
    public static final String ACCESS_LOG = "access-log";
    public static final String DECODER_RESULT = "decoder-result";
    public static final String HEADER_COUNT = "header-count";
    public static final String FRONTEND = "frontend";

    private final Supplier<SslContext> ssl;
    private final Limits limits;
    private final Rejects rejects;
    private final EdgeMetrics metrics;
    private final AccessLog accessLog;
    private final DecoderResultHandler decoderResult;
    private final HeaderCountHandler headerCount;
    /** Rate limiter and WAF, in order: @Sharable handlers working on FullHttpRequest, keyed by pipeline name. */
    private final List<Map.Entry<String, ChannelHandler>> security;
    private final ProxyFrontendHandler frontend;
    private final SecurityHeadersHandler securityHeaders;
    private final HandshakeFailureHandler handshakeFailures;

    public EdgeInitializer(Supplier<SslContext> ssl, Limits limits, Rejects rejects, EdgeMetrics metrics, AccessLog accessLog,
                           List<Map.Entry<String, ChannelHandler>> security, ProxyFrontendHandler frontend,
                           SecurityHeadersHandler securityHeaders, HandshakeFailureHandler handshakeFailures) {
        this.ssl = ssl;
        this.limits = limits;
        this.rejects = rejects;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.decoderResult = new DecoderResultHandler(rejects);
        this.headerCount = new HeaderCountHandler(rejects, limits.maxHeaderCount());
        this.security = List.copyOf(security);
        this.frontend = frontend;
        this.securityHeaders = securityHeaders;
        this.handshakeFailures = handshakeFailures;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        addConnectionLimits(p);
        addTls(p, ch);
        p.addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    addHttp2(ctx.pipeline());
                } else {
                    addHttp1(ctx.pipeline());
                }
            }
        });
    }

    private void addConnectionLimits(ChannelPipeline p) {
        p.addLast(IDLE, new IdleStateHandler(limits.clientIdleSeconds(), 0, 0));
    }

    private void addTls(ChannelPipeline p, Channel ch) {
        p.addLast(TLS, ssl.get().newHandler(ch.alloc()));
        p.addLast(HandshakeFailureHandler.NAME, handshakeFailures);
    }

    void addHttp1(ChannelPipeline p) {
        SlowClientHandler slow = new SlowClientHandler(rejects, limits.requestDeadlineSeconds() * 1000L);
        p.addLast(SLOW_CLIENT, slow);
        p.addLast(CODEC, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024)));
        p.addLast(SecurityHeadersHandler.NAME, securityHeaders);
        p.addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler());
        p.addLast(AGGREGATOR, new BoundedAggregator(rejects, limits.maxBodyBytes()));
        p.addLast(PIPELINING, new PipeliningHandler());
        p.addLast(EXCHANGE, slow.new Exchange());
        addRequestHandlers(p);
    }

    private void addHttp2(ChannelPipeline p) {
        p.addLast("h2-idle-close", new SlowClientHandler(rejects, 0));
        p.addLast("h2-codec", Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(limits.maxHeaderBytes()))
                .build());
        p.addLast("h2-multiplex", new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                ChannelPipeline sp = stream.pipeline();
                sp.addLast("h2-to-http1", new Http2StreamFrameToHttpObjectCodec(true));
                sp.addLast(SecurityHeadersHandler.NAME, securityHeaders);
                sp.addLast(AGGREGATOR, new BoundedAggregator(rejects, limits.maxBodyBytes()));
                addRequestHandlers(sp);
            }
        }));
    }

    /** Shared by HTTP/1.1 and each HTTP/2 stream: everything here sees one complete FullHttpRequest. */
    void addRequestHandlers(ChannelPipeline p) {
        p.addLast(ACCESS_LOG, new AccessLogHandler(metrics, accessLog));
        p.addLast(DECODER_RESULT, decoderResult);
        p.addLast(HEADER_COUNT, headerCount);
        addSecurityHandlers(p);
        p.addLast(FRONTEND, frontend);
    }

    private void addSecurityHandlers(ChannelPipeline p) {
        security.forEach(e -> p.addLast(e.getKey(), e.getValue()));
    }
}
