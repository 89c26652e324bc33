package dev.citadel.egress.proxy;

import dev.citadel.egress.policy.HostLiteral;
import dev.citadel.egress.policy.SpecialAddresses;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * SSRF by DNS: an allowed name may still resolve to loopback, private or metadata addresses (a hostile or stale
 * record, or a name an attacker controls). The firewall resolves the name itself and refuses when ANY resolved
 * address is special-purpose, unless the matching rule lists it with {@code allowSpecialAddresses}. The address
 * checked here is the one connected to, so a second, different answer (DNS rebinding) never gets a look in.
 */
@Sharable
final class DestinationGuardHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "destination-guard";
    private final ProxyContext rt;

    DestinationGuardHandler(ProxyContext rt) {
        this.rt = rt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange e = Exchange.of(ctx.channel());
        Future<List<InetAddress>> lookup = rt.resolver().resolve((HostLiteral.Fqdn) e.target.host(), ctx.executor());
        if (lookup.isDone()) {
            decide(ctx, e, lookup, msg);
        } else {
            lookup.addListener(f -> decide(ctx, e, lookup, msg)); // the promise belongs to ctx.executor()
        }
    }

    private void decide(ChannelHandlerContext ctx, Exchange e, Future<List<InetAddress>> lookup, Object msg) {
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!lookup.isSuccess()) {
            Rejects.reject(rt, ctx, RejectReason.UNRESOLVED_HOST, msg, "name does not resolve");
            return;
        }
        List<InetAddress> addresses = lookup.getNow();
        e.resolved = addresses;
        if (!e.rule.allowSpecialAddresses()) {
            for (InetAddress a : addresses) {
                Optional<String> block = SpecialAddresses.classify(a);
                if (block.isPresent()) {
                    Rejects.reject(rt, ctx, RejectReason.SPECIAL_ADDRESS, msg, "resolves to a " + block.get()
                            + " address");
                    return;
                }
            }
        }
        e.connectTo = addresses.get(0);
        e.allow(e.rule);
        Decisions.count(rt, e);
        ctx.fireChannelRead(msg);
    }
}
