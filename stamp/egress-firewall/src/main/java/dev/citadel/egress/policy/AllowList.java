package dev.citadel.egress.policy;

import dev.citadel.egress.config.EgressProperties.AllowRule;
import dev.citadel.egress.config.EgressProperties.Source;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Per source, the FQDN:port pairs it may reach. Names compare case-insensitively without the trailing dot (both
 * sides are normalized by {@link HostLiteral}); {@code *.example.org} matches exactly one more label, so
 * {@code a.example.org} but neither {@code example.org} nor {@code a.b.example.org}. IP literals never match.
 */
public final class AllowList {
    private final Map<String, List<AllowRule>> bySource;

    public AllowList(List<Source> sources) {
        this.bySource = sources.stream().collect(Collectors.toUnmodifiableMap(Source::name, Source::allow));
    }

    public Optional<AllowRule> match(String source, HostLiteral.Fqdn host, int port) {
        for (AllowRule rule : bySource.getOrDefault(source, List.of())) {
            if (rule.port() == port && matches(rule.host(), host.name())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    static boolean matches(String ruleHost, String host) {
        if (!ruleHost.startsWith("*.")) {
            return ruleHost.equals(host);
        }
        String suffix = ruleHost.substring(1); // ".example.org"
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }
}
