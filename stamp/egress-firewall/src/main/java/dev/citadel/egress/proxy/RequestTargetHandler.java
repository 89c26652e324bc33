package dev.citadel.egress.proxy;

import dev.citadel.egress.policy.HostLiteral;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.regex.Pattern;

/**
 * RFC 9112 §3.2: a forward proxy accepts the authority form ({@code CONNECT host:port}) and the absolute form with
 * the {@code http} scheme only. Origin-form requests are addressed to the firewall itself (it serves nothing);
 * other schemes (ftp:, file:, gopher:) would make it a protocol translator; absolute-form https: would mean the
 * firewall speaks TLS for the client, which a tunnel-only design never does. Userinfo in the authority is refused:
 * parsers disagree about where such a host ends.
 */
@Sharable
final class RequestTargetHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "request-target";
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:.*", Pattern.DOTALL);
    private static final String HTTP = "http://";
    private final ProxyContext rt;

    RequestTargetHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FullHttpRequest request = (FullHttpRequest) msg;
        String uri = request.uri();
        boolean tunnel = request.method().equals(HttpMethod.CONNECT);
        if (!tunnel && !uri.regionMatches(true, 0, HTTP, 0, HTTP.length())) {
            RejectReason reason = uri.startsWith("/") || uri.equals("*") ? RejectReason.NOT_A_PROXY_REQUEST
                    : SCHEME.matcher(uri).matches() ? RejectReason.UNSUPPORTED_SCHEME : RejectReason.MALFORMED_TARGET;
            Rejects.reject(rt, ctx, reason, msg, "only CONNECT host:port and http:// absolute-form are proxied");
            return;
        }
        Target target = tunnel ? authority(uri, -1, "") : absolute(uri);
        if (target == null) {
            Rejects.reject(rt, ctx, RejectReason.MALFORMED_TARGET, msg, "cannot read host and port");
            return;
        }
        Exchange.of(ctx.channel()).target = target;
        ctx.fireChannelRead(msg);
    }

    static Target absolute(String uri) {
        String rest = uri.substring(HTTP.length());
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String path = rest.substring(end);
        int fragment = path.indexOf('#');
        if (fragment >= 0) {
            path = path.substring(0, fragment);
        }
        if (path.isEmpty() || path.startsWith("?")) {
            path = "/" + path;
        }
        return authority(rest.substring(0, end), 80, path);
    }

    /** {@code host:port} or {@code [v6]:port}; {@code defaultPort} -1 means the port is required (CONNECT). */
    static Target authority(String authority, int defaultPort, String path) {
        if (authority.isEmpty() || authority.indexOf('@') >= 0 || authority.indexOf('/') >= 0) {
            return null;
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return null;
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        int p = port(port, defaultPort);
        if (host.isEmpty() || p < 0) {
            return null;
        }
        return new Target(defaultPort < 0, HostLiteral.parse(host), host, p, path);
    }

    private static int port(String text, int defaultPort) {
        if (text == null || text.isEmpty()) {
            return defaultPort;
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? p : -1;
    }
}
