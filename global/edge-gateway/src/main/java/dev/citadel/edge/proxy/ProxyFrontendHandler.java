package dev.citadel.edge.proxy;

import dev.citadel.edge.cache.CachePolicy;
import dev.citadel.edge.cache.ResponseCache;
import dev.citadel.edge.config.EdgeProperties.Route;
import dev.citadel.edge.observe.AccessLogHandler;
import dev.citadel.edge.reject.RejectReason;
import dev.citadel.edge.routing.RouteTable;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client side of the relay, last in the pipeline: routes the (aggregated, vetted) request, answers from the edge
 * cache when it may, and otherwise hands it to a {@link ProxyCall}. Stateless, so one instance serves all.
 */
@Sharable
public final class ProxyFrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyFrontendHandler.class);
    private final ProxyRuntime rt;

    public ProxyFrontendHandler(ProxyRuntime rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Optional<Route> route = rt.routes().match(RouteTable.pathOf(request.uri()));
        if (route.isEmpty()) {
            rt.rejects().reject(ctx, RejectReason.NO_ROUTE, request, "No route matches this path.");
            return;
        }
        String pinnedStamp = pinnedStamp(route.get(), request);
        if (pinnedStamp == null && rt.cache().enabled() && CachePolicy.mayLookUp(request)) {
            FullHttpResponse cached = rt.cache().get(
                    ResponseCache.key(request.headers().get(HttpHeaderNames.HOST), request.uri()));
            rt.metrics().cache(cached != null);
            if (cached != null) {
                request.release();
                ctx.channel().attr(AccessLogHandler.ORIGIN).set("cache");
                ctx.writeAndFlush(cached);
                return;
            }
        }
        new ProxyCall(rt, ctx, request, route.get().originGroup(), clientIp(ctx), pinnedStamp,
                route.get().healthProjection()).start();
    }

    /** The stamp a read on a stamp-selectable route names; the header is consumed here, origins never see it. */
    private static String pinnedStamp(Route route, FullHttpRequest request) {
        if (route.stampHeader() == null) {
            return null;
        }
        String stamp = request.headers().get(route.stampHeader());
        request.headers().remove(route.stampHeader());
        boolean read = HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
        return read && stamp != null && !stamp.isBlank() ? stamp.trim() : null;
    }

    private static String clientIp(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : "unknown";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        rt.metrics().reject("exception");
        log.warn("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
