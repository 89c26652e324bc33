package dev.citadel.egress.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The proxy listener's pipeline, in the order a request meets it: connection limit, byte counting and the decision
 * log, idle limit, HTTP codec with head limits, framing check, request target, source identity, IP literals,
 * allow-list, destination guard (resolve + special-purpose addresses), then the frontend that connects and relays.
 */
public final class EgressInitializer extends ChannelInitializer<Channel> {
    static final String HTTP_ENCODER = "http-encoder";
    static final int MAX_INITIAL_LINE = 8192;
    /** Everything between the codec and the frontend; a CONNECT tunnel removes them all. */
    private static final List<String> HTTP_HANDLERS = List.of(HTTP_ENCODER, BoundedAggregator.NAME, DecoderResultHandler.NAME,
            RequestTargetHandler.NAME, ProxyAuthHandler.NAME, HostLiteralHandler.NAME, AllowListHandler.NAME,
            DestinationGuardHandler.NAME, EgressFrontendHandler.NAME);

    private final ProxyContext rt;
    private final ConnectionLimitHandler connectionLimit;
    private final DecoderResultHandler decoderResult;
    private final RequestTargetHandler requestTarget;
    private final ProxyAuthHandler proxyAuth;
    private final HostLiteralHandler hostLiteral;
    private final AllowListHandler allowList;
    private final DestinationGuardHandler destinationGuard;

    public EgressInitializer(ProxyContext rt) {
        this.rt = rt;
        this.connectionLimit = new ConnectionLimitHandler(rt);
        this.decoderResult = new DecoderResultHandler(rt);
        this.requestTarget = new RequestTargetHandler(rt);
        this.proxyAuth = new ProxyAuthHandler(rt);
        this.hostLiteral = new HostLiteralHandler(rt);
        this.allowList = new AllowListHandler(rt);
        this.destinationGuard = new DestinationGuardHandler(rt);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        addLimitHandlers(p);
        addCodecHandlers(p);
        addPolicyHandlers(p);
        p.addLast(EgressFrontendHandler.NAME, new EgressFrontendHandler(rt));
    }

    private void addLimitHandlers(ChannelPipeline p) {
        p.addLast(ConnectionLimitHandler.NAME, connectionLimit)
                .addLast(DecisionLogHandler.NAME, new DecisionLogHandler(rt))
                .addLast("idle", new IdleStateHandler(0, 0, rt.limits().idleTimeoutMs(), TimeUnit.MILLISECONDS))
                .addLast(IdleCloseHandler.NAME, IdleCloseHandler.INSTANCE);
    }

    private void addCodecHandlers(ChannelPipeline p) {
        addHttpCodec(p, rt);
        p.addLast(DecoderResultHandler.NAME, decoderResult);
    }

    /** Decoder and encoder rather than HttpServerCodec: the decoder must pause after a CONNECT head. */
    static void addHttpCodec(ChannelPipeline p, ProxyContext rt) {
        p.addLast(TunnelAwareRequestDecoder.NAME, new TunnelAwareRequestDecoder(MAX_INITIAL_LINE,
                        rt.limits().maxHeaderBytes()))
                .addLast(HTTP_ENCODER, new HttpResponseEncoder())
                .addLast(BoundedAggregator.NAME, new BoundedAggregator(rt));
    }

    /** Cheapest first: syntax, then identity, then policy, then the one step that may wait on DNS. */
    private void addPolicyHandlers(ChannelPipeline p) {
        p.addLast(RequestTargetHandler.NAME, requestTarget)
                .addLast(ProxyAuthHandler.NAME, proxyAuth)
                .addLast(HostLiteralHandler.NAME, hostLiteral)
                .addLast(AllowListHandler.NAME, allowList)
                .addLast(DestinationGuardHandler.NAME, destinationGuard);
    }

    /**
     * The protocol switch after CONNECT: the relay (already added last) takes over. The decoder goes last, because
     * removing it hands any bytes it had buffered beyond the CONNECT head to the next handler, which must then be
     * the relay.
     */
    static void removeHttpHandlers(ChannelPipeline p) {
        HTTP_HANDLERS.forEach(p::remove);
        p.remove(TunnelAwareRequestDecoder.NAME);
    }

    ConnectionLimitHandler connectionLimit() {
        return connectionLimit;
    }
}
