package dev.citadel.edge.proxy;

import dev.citadel.edge.cache.ResponseCache;
import dev.citadel.edge.config.EdgeProperties.Timeouts;
import dev.citadel.edge.observe.EdgeMetrics;
import dev.citadel.edge.origin.OriginRegistry;
import dev.citadel.edge.origin.OriginSelector;
import dev.citadel.edge.reject.Rejects;
import dev.citadel.edge.routing.RouteTable;

/** Everything a proxied exchange needs, built once by the server and shared (all members are thread-safe). */
public record ProxyRuntime(RouteTable routes, OriginRegistry registry, OriginSelector selector, OriginPools pools,
                           RequestRewriter rewriter, ResponseCache cache, EdgeMetrics metrics, Rejects rejects,
                           Timeouts timeouts) {
}
