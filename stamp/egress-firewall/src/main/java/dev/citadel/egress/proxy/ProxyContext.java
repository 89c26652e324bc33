package dev.citadel.egress.proxy;

import dev.citadel.egress.config.EgressProperties.Limits;
import dev.citadel.egress.observe.DecisionLog;
import dev.citadel.egress.observe.EgressMetrics;
import dev.citadel.egress.policy.AllowList;
import dev.citadel.egress.policy.DestinationResolver;
import dev.citadel.egress.policy.SourceCredentials;
import io.netty.channel.Channel;

/** What the proxy pipeline's handlers share: limits, policy, resolver, meters, decision log, client transport. */
public record ProxyContext(String stamp, Limits limits, SourceCredentials credentials, AllowList allowList,
                           DestinationResolver resolver, EgressMetrics metrics, DecisionLog decisionLog,
                           Class<? extends Channel> clientChannel) {}
