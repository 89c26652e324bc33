package dev.citadel.egress.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.egress.config.EgressProperties.AllowRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EgressConfigLoaderTest {
    static final String MINIMAL = """
            stamp: region1
            management: {certificate: /s/server.crt, privateKey: /s/server.key, clientCa: /s/ca.crt,
                         allowedClients: [operator]}
            decisionLog: {file: /logs/decisions.log}
            sources:
              - name: catalog-api
                passwordFile: /s/egress-password
                allow:
                  - {host: Images.Example.org., port: 443}
            """;

    @Test
    void bindsTheDocumentedExampleWithEveryKey() {
        EgressProperties p = EgressConfigLoader.parse("""
                stamp: region1
                listener: {address: 127.0.1.40, port: 3128}
                management: {address: 127.0.1.40, port: 9443, certificate: /p/server.crt, privateKey: /p/server.key,
                             clientCa: /p/operator-ca.crt, allowedClients: [operator, scraper.region1]}
                decisionLog: {file: /p/logs/egress-firewall-region1-decisions.log, maxFileSizeMb: 10, maxFiles: 5}
                limits: {connectTimeoutMs: 3000, idleTimeoutMs: 60000, maxConnections: 1024, maxHeaderBytes: 16384,
                         maxBodyBytes: 2048}
                resolver: {hosts: {images.citadel.test: [127.0.0.1]}}
                sources:
                  - name: catalog-api
                    passwordFile: /p/secrets/egress-password
                    allow:
                      - {host: images.example.org, port: 443}
                      - {host: images.citadel.test, port: 18080, allowSpecialAddresses: true}
                """);
        assertThat(p.listener().address()).isEqualTo("127.0.1.40");
        assertThat(p.management().allowedClients()).containsExactly("operator", "scraper.region1");
        assertThat(p.decisionLog().file()).isEqualTo(Path.of("/p/logs/egress-firewall-region1-decisions.log"));
        assertThat(p.limits().maxBodyBytes()).isEqualTo(2048);
        assertThat(p.resolver().hosts()).containsEntry("images.citadel.test", List.of("127.0.0.1"));
        assertThat(p.sources().get(0).allow()).containsExactly(new AllowRule("images.example.org", 443, false),
                new AllowRule("images.citadel.test", 18080, true));
    }

    @Test
    void appliesDefaultsAndNormalizesRuleHosts() {
        EgressProperties p = EgressConfigLoader.parse(MINIMAL);
        assertThat(p.listener().port()).isEqualTo(3128);
        assertThat(p.management().port()).isEqualTo(9443);
        assertThat(p.limits().connectTimeoutMs()).isEqualTo(3000);
        assertThat(p.limits().maxHeaderBytes()).isEqualTo(16384);
        assertThat(p.decisionLog().maxFiles()).isEqualTo(5);
        assertThat(p.sources().get(0).allow().get(0).host()).isEqualTo("images.example.org");
    }

    @Test
    void rejectsAnUnknownKeyNamingItsFullPath() {
        assertThatThrownBy(() -> EgressConfigLoader.parse(MINIMAL.replace("port: 443", "port: 443, hots: x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sources[0].allow[0].hots: unknown key")
                .hasMessageContaining("allowSpecialAddresses");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> EgressConfigLoader.parse(MINIMAL + "listners: {}\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("listners: unknown key");
    }

    @Test
    void rejectsAnIpAddressAsRuleHost() {
        assertThatThrownBy(() -> EgressConfigLoader.parse(MINIMAL.replace("Images.Example.org.", "127.0.0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sources[0].allow[0].host: must be a DNS name");
    }

    @Test
    void rejectsAPortOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> EgressConfigLoader.parse(MINIMAL.replace("port: 443", "port: 70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sources[0].allow[0].port: must be between 1 and 65535 but was 70000");
    }

    @Test
    void rejectsAWrongTypeNamingTheKey() {
        assertThatThrownBy(() -> EgressConfigLoader.parse(MINIMAL + "limits: {maxConnections: lots}\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("limits.maxConnections:");
    }

    @Test
    void rejectsAMissingRequiredSection() {
        assertThatThrownBy(() -> EgressConfigLoader.parse(MINIMAL.replace("decisionLog: {file: /logs/decisions.log}\n",
                ""))).isInstanceOf(ConfigException.class).hasMessage("decisionLog: is required");
    }

    @Test
    void rejectsAStaticResolverEntryThatIsNotAnAddress() {
        assertThatThrownBy(() -> EgressConfigLoader.parse(MINIMAL + "resolver: {hosts: {a.test: [b.test]}}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("resolver.hosts.a.test: 'b.test' is not an IP address");
    }

    @Test
    void rejectsDuplicateSources() {
        String dup = MINIMAL + """
                  - name: catalog-api
                    passwordFile: /s/other
                """;
        assertThatThrownBy(() -> EgressConfigLoader.parse(dup)).isInstanceOf(ConfigException.class)
                .hasMessage("sources[1].name: duplicate source 'catalog-api'");
    }

    @Test
    void rejectsInvalidYaml() {
        assertThatThrownBy(() -> EgressConfigLoader.parse("stamp: 'unclosed")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("(file): not valid YAML");
    }
}
