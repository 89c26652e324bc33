package dev.citadel.catalogapi.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyVerdictTest {

    @Test
    void readsThePolicyRefusalsOfRfc9209AsRefused() {
        assertThat(ProxyVerdict.of(Optional.of("citadel-egress; error=destination_ip_prohibited")))
                .hasValueSatisfying(v -> assertThat(v.refused()).isTrue());
        assertThat(ProxyVerdict.of(Optional.of("citadel-egress; error=http_request_denied; details=\"x\"")))
                .hasValueSatisfying(v -> assertThat(v.refused()).isTrue());
    }

    @Test
    void readsTheFirewallsOwnConnectFailureAsNotRefused() {
        assertThat(ProxyVerdict.of(Optional.of("citadel-egress; error=connection_refused")))
                .hasValueSatisfying(v -> assertThat(v.refused()).isFalse());
        assertThat(ProxyVerdict.of(Optional.of("citadel-egress; error=\"connection_timeout\"")))
                .hasValueSatisfying(v -> assertThat(v.refused()).isFalse());
    }

    @Test
    void ignoresAProxyStatusWithoutErrorAndNoHeaderAtAll() {
        assertThat(ProxyVerdict.of(Optional.of("citadel-egress; received-status=200"))).isEmpty();
        assertThat(ProxyVerdict.of(Optional.empty())).isEmpty();
    }

    @Test
    void readsARefusedTunnelFromTheJdkClientsMessage() {
        assertThat(ProxyVerdict.ofTunnelFailure(
                new IOException("Tunnel failed, got: 403")))
                .hasValueSatisfying(v -> assertThat(v.refused()).isTrue());
        assertThat(ProxyVerdict.ofTunnelFailure(
                new IOException("Tunnel failed, got: 502")))
                .hasValueSatisfying(v -> assertThat(v.refused()).isFalse());
        assertThat(ProxyVerdict.ofTunnelFailure(new ConnectException("Connection refused"))).isEmpty();
    }
}
