package dev.citadel.egress.proxy;

import dev.citadel.egress.policy.HostLiteral;

/**
 * Where a request wants to go: a CONNECT tunnel or a plain-HTTP forward to {@code host:port}, with the origin-form
 * path (plus query) for the forward.
 */
public record Target(boolean tunnel, HostLiteral host, String hostText, int port, String pathAndQuery) {}
