package dev.citadel.egress.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.egress.config.EgressProperties.AllowRule;
import dev.citadel.egress.config.EgressProperties.Source;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListTest {
    private final AllowList allow = new AllowList(List.of(
            new Source("catalog-api", Path.of("/p"), List.of(new AllowRule("images.example.org", 443, null),
                    new AllowRule("*.cdn.example.org", 443, null))),
            new Source("health-service", Path.of("/q"), List.of(new AllowRule("status.example.org", 443, null)))));

    private boolean allowed(String source, String host, int port) {
        return allow.match(source, (HostLiteral.Fqdn) HostLiteral.parse(host), port).isPresent();
    }

    @Test
    void matchesExactHostAndPortCaseInsensitivelyIgnoringTheTrailingDot() {
        assertThat(allowed("catalog-api", "images.example.org", 443)).isTrue();
        assertThat(allowed("catalog-api", "IMAGES.Example.ORG.", 443)).isTrue();
    }

    @Test
    void refusesOtherPortsHostsAndSources() {
        assertThat(allowed("catalog-api", "images.example.org", 80)).isFalse();
        assertThat(allowed("catalog-api", "images.example.org.evil.test", 443)).isFalse();
        assertThat(allowed("catalog-api", "ximages.example.org", 443)).isFalse();
        assertThat(allowed("health-service", "images.example.org", 443)).isFalse();
        assertThat(allowed("nobody", "images.example.org", 443)).isFalse();
    }

    @Test
    void wildcardMatchesExactlyOneExtraLabel() {
        assertThat(allowed("catalog-api", "a.cdn.example.org", 443)).isTrue();
        assertThat(allowed("catalog-api", "cdn.example.org", 443)).isFalse();
        assertThat(allowed("catalog-api", "a.b.cdn.example.org", 443)).isFalse();
        assertThat(allowed("catalog-api", "a.xcdn.example.org", 443)).isFalse();
    }
}
