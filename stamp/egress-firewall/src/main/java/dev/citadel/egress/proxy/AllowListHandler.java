package dev.citadel.egress.proxy;

import dev.citadel.egress.config.EgressProperties.AllowRule;
import dev.citadel.egress.policy.HostLiteral;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;

/** Default deny: only the authenticated source's listed FQDN:port pairs pass (CITADEL §6 "Egress"). */
@Sharable
final class AllowListHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "allow-list";
    private final ProxyContext rt;

    AllowListHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange e = Exchange.of(ctx.channel());
        Optional<AllowRule> rule = rt.allowList().match(e.source, (HostLiteral.Fqdn) e.target.host(), e.target.port());
        if (rule.isEmpty()) {
            Rejects.reject(rt, ctx, RejectReason.NOT_ALLOW_LISTED, msg, "not allowed for this source");
            return;
        }
        e.rule = rule.get();
        ctx.fireChannelRead(msg);
    }
}
