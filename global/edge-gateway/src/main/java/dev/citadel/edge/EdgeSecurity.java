package dev.citadel.edge;

import dev.citadel.edge.admin.WafSwitch;
import dev.citadel.edge.config.ConfigException;
import dev.citadel.edge.config.EdgeProperties;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.ratelimit.RateLimitConfig;
import dev.citadel.edge.ratelimit.RateLimitHandler;
import dev.citadel.edge.ratelimit.RateLimiter;
import dev.citadel.edge.waf.WafConfig;
import dev.citadel.edge.waf.WafEngine;
import dev.citadel.edge.waf.WafHandler;
import dev.citadel.edge.waf.WafMode;
import io.netty.channel.ChannelHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The security stage of the public pipeline (rate limits first, because they are cheaper, then the WAF) built
 * from {@code rateLimit.*} and {@code waf.*}, plus the WAF switch the admin API drives. The handlers are
 * @Sharable singletons that work on a complete FullHttpRequest and answer refusals themselves.
 */
public record EdgeSecurity(List<Map.Entry<String, ChannelHandler>> handlers, WafSwitch wafSwitch) {

    public EdgeSecurity {
        handlers = List.copyOf(handlers);
    }

    /** No WAF, no rate limit: for tests of the bare proxy and for the "WAF off" benchmark. */
    public static EdgeSecurity none() {
        return new EdgeSecurity(List.of(), WafSwitch.NONE);
    }

    public static EdgeSecurity from(EdgeProperties props, EdgeMetrics metrics) {
        RateLimitConfig rateLimit = rateLimitConfig(props);
        WafConfig wafConfig = wafConfig(props);
        List<Map.Entry<String, ChannelHandler>> handlers = new ArrayList<>();
        if (rateLimit.enabled()) {
            handlers.add(Map.entry(RateLimitHandler.NAME, new RateLimitHandler(new RateLimiter(rateLimit))));
        }
        if (!wafConfig.enabled()) {
            return new EdgeSecurity(handlers, WafSwitch.NONE);
        }
        WafEngine engine;
        try {
            engine = WafConfig.CRS.equals(wafConfig.engine())
                    ? WafEngine.withCrs(wafConfig.policy(), wafConfig.crs())
                    : WafEngine.withDefaultRules(wafConfig.policy());
        } catch (IllegalArgumentException | dev.citadel.waf.seclang.SecLangException e) {
            throw new ConfigException("waf", e.getMessage());
        }
        handlers.add(Map.entry(WafHandler.NAME, new WafHandler(engine,
                verdict -> metrics.reject("waf-" + verdict.action().name().toLowerCase()
                        + (verdict.detectionOnly() ? "-detected" : "")))));
        return new EdgeSecurity(handlers, new WafSwitch() {
            @Override
            public String mode() {
                return engine.policy().mode().key();
            }

            @Override
            public void mode(String mode) {
                engine.setMode(WafMode.parse(mode));
            }
        });
    }

    /** Called at load time too, so a bad {@code waf:} or {@code rateLimit:} section stops startup. */
    static WafConfig wafConfig(EdgeProperties props) {
        try {
            return WafConfig.fromMap(props.waf());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("waf", e.getMessage());
        }
    }

    static RateLimitConfig rateLimitConfig(EdgeProperties props) {
        try {
            return RateLimitConfig.fromMap(props.rateLimit());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("rateLimit", e.getMessage());
        }
    }
}
