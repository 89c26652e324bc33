package dev.citadel.egress.management;

import dev.citadel.egress.observe.EgressMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} (Prometheus text) and {@code GET /health} (200 while the proxy listener is bound). The TLS
 * layer already required a certificate from the configured CA; this handler also requires its subject CN to be one
 * of {@code management.allowedClients}, so a certificate the same CA issued to a service is not an operator's (403).
 */
@Sharable
public final class ManagementHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String NAME = "management";
    private static final Logger log = LoggerFactory.getLogger(ManagementHandler.class);
    private final EgressMetrics metrics;
    private final Set<String> allowedClients;
    private final BooleanSupplier proxyUp;

    public ManagementHandler(EgressMetrics metrics, Set<String> allowedClients, BooleanSupplier proxyUp) {
        this.metrics = metrics;
        this.allowedClients = Set.copyOf(allowedClients);
        this.proxyUp = proxyUp;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Optional<String> client = clientName(ctx);
        if (client.isEmpty() || !allowedClients.contains(client.get())) {
            log.info("management request from {} refused: client certificate {} not allowed",
                    ctx.channel().remoteAddress(), client.orElse("(none)"));
            respond(ctx, HttpResponseStatus.FORBIDDEN, "text/plain", "client certificate not allowed\n");
            return;
        }
        if (!request.method().equals(HttpMethod.GET)) {
            respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n");
            return;
        }
        String path = request.uri();
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        switch (path) {
            case "/metrics" -> respond(ctx, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape());
            case "/health" -> {
                boolean up = proxyUp.getAsBoolean();
                respond(ctx, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "application/json", "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}\n");
            }
            default -> respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n");
        }
    }

    /** The subject CN of the verified client certificate. */
    static Optional<String> clientName(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            return commonName(leaf.getSubjectX500Principal().getName());
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    static Optional<String> commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, String body) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (status.code() >= 400) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        metrics.error("management");
        log.info("management connection {} closed on error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
