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
import dev.citadel.edge.config.EdgeConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

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
        return from(props, metrics, props::waf);
    }

    /**
     * The production wiring: like {@link #from(EdgeProperties, EdgeMetrics)}, and the admin API's WAF reload
     * re-reads the {@code waf:} section of this file (the whole file is validated first, as at startup).
     */
    public static BiFunction<EdgeProperties, EdgeMetrics, EdgeSecurity> reloadingFrom(Path configFile) {
        return (props, metrics) -> from(props, metrics, () -> EdgeConfigLoader.load(configFile).waf());
    }

    static EdgeSecurity from(EdgeProperties props, EdgeMetrics metrics, Supplier<Map<String, Object>> wafSection) {
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
            engine = WafEngine.from(wafConfig);
        } catch (IllegalArgumentException | dev.citadel.waf.seclang.SecLangException e) {
            throw wafConfigException(e.getMessage());
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

            @Override
            public synchronized Map<String, Object> reload() {
                WafConfig next;
                try {
                    next = WafConfig.fromMap(wafSection.get());
                } catch (ConfigException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                if (!next.enabled()) {
                    throw new IllegalStateException("waf.enabled: false takes the WAF out of the pipeline, which"
                            + " needs a restart");
                }
                try {
                    engine.reload(next);
                } catch (dev.citadel.waf.seclang.SecLangException e) {
                    throw new IllegalArgumentException("waf.crs: " + e.getMessage(), e);
                }
                return describe(engine, next);
            }
        });
    }

    /** What the admin API answers after a reload: enough to see that the intended rule set runs. */
    static Map<String, Object> describe(WafEngine engine, WafConfig c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("engine", engine.engineName());
        d.put("mode", engine.policy().mode().key());
        d.put("rules", engine.ruleCount());
        d.put("inboundAnomalyThreshold", engine.policy().inboundAnomalyThreshold());
        d.put("exclusions", engine.policy().exclusions().size());
        if (WafConfig.CRS.equals(engine.engineName())) {
            d.put("paranoiaLevel", c.crs().paranoiaLevel());
            d.put("ownRules", engine.ownRuleIds());
        }
        return d;
    }

    /** The binders already name their key ({@code waf.crs.rulesDir: …}): keep it as the key, not after "waf: ". */
    private static ConfigException wafConfigException(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        return message != null && message.startsWith("waf.") && colon > 0
                ? new ConfigException(message.substring(0, colon), message.substring(colon + 2))
                : new ConfigException("waf", String.valueOf(message));
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
