package dev.citadel.edge.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizes management requests by identity, not by CA alone: the TLS handshake proved the client certificate
 * chains to the operator CA, but that CA also issues other client certificates (the stamps' metrics scraper,
 * {@code CN=scraper.<region>}), which must not drive origins or the WAF. The subject CN must be one of
 * {@code admin.allowedClients}; anything else gets 403 problem+json, a WARN line, and the connection closes.
 */
@Sharable
public final class OperatorIdentityHandler extends ChannelInboundHandlerAdapter {
    public static final String NAME = "operator-identity";
    private static final Logger log = LoggerFactory.getLogger(OperatorIdentityHandler.class);

    private final Set<String> allowed;

    public OperatorIdentityHandler(List<String> allowedClients) {
        this.allowed = Set.copyOf(allowedClients);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Optional<String> cn = clientCommonName(ctx);
        if (cn.isPresent() && allowed.contains(cn.get())) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        String who = cn.map(OperatorIdentityHandler::printable).orElse("(none)");
        log.warn("admin request refused: client certificate CN={} is not in admin.allowedClients (peer {})", who,
                ctx.channel().remoteAddress());
        FullHttpResponse res = AdminHandler.problem(HttpResponseStatus.FORBIDDEN,
                "This client certificate is not allowed to use the admin API.");
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private static Optional<String> clientCommonName(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? commonName(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The subject's CN; with several CN attributes none is trusted (which one counts is ambiguous). */
    static Optional<String> commonName(X509Certificate cert) {
        try {
            List<String> cns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(r -> r.getType().equalsIgnoreCase("CN")).map(Rdn::getValue).map(String::valueOf)
                    .toList();
            return cns.size() == 1 ? Optional.of(cns.get(0)) : Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** A CN is attacker-chosen text (from any certificate of the CA): no control characters into the log. */
    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
