package dev.citadel.egress.proxy;

import dev.citadel.egress.policy.HostLiteral;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * SSRF: rules list DNS names, so a request naming an IP literal (dotted, decimal, hex, octal, short, bracketed IPv6,
 * mapped, with a zone id) is refused outright, and a host that is not even a valid name is a 400. Only an LDH name
 * goes on to the allow-list and the resolver.
 */
@Sharable
final class HostLiteralHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "host-literal";
    private final ProxyContext rt;

    HostLiteralHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        HostLiteral host = Exchange.of(ctx.channel()).target.host();
        if (host instanceof HostLiteral.IpLiteral) {
            Rejects.reject(rt, ctx, RejectReason.IP_LITERAL, msg, "IP addresses are never allow-listed");
        } else if (host instanceof HostLiteral.Invalid invalid) {
            Rejects.reject(rt, ctx, RejectReason.INVALID_HOST, msg, invalid.problem());
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
