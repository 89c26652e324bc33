package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.platform.pki.Secret;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  private static CassandraSettings settings(List<String> points, Path truststore, Secret tsPassword, Path pem) {
    return new CassandraSettings(points, "dc1", "svc", Secret.of("pw"), truststore, tsPassword, pem, true, null, null);
  }

  @Test
  void appliesDefaultsForTimeoutAndKeyspace() {
    CassandraSettings s = settings(List.of("127.0.0.1:9042"), null, null, Path.of("/ca.pem"));
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.keyspace()).isEqualTo("citadel_catalog");
    assertThat(s.toString()).doesNotContain("pw").contains("[hidden]");
  }

  @Test
  void refusesToRunWithoutTls() {
    assertThatThrownBy(() -> settings(List.of("h:9042"), null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS is mandatory");
    assertThatThrownBy(() -> settings(List.of("h:9042"), Path.of("/ts.p12"), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truststorePassword");
  }

  @Test
  void refusesMalformedContactPoints() {
    for (String bad : List.of("nohost", "h:", ":9042", "h:port", "h:70000")) {
      assertThatThrownBy(() -> settings(List.of(bad), null, null, Path.of("/ca.pem")))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> settings(List.of(), null, null, Path.of("/ca.pem")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesHostPortAndBracketedIpv6() {
    InetSocketAddress v4 = ContactPoints.parse("127.0.0.1:9042");
    assertThat(v4.getHostString()).isEqualTo("127.0.0.1");
    assertThat(v4.getPort()).isEqualTo(9042);
    assertThat(ContactPoints.parse("[::1]:9142").getHostString()).isEqualTo("::1");
  }

  @Test
  void refusesKeyspaceNamesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(() -> new CassandraSettings(List.of("h:1"), "dc1", "u", Secret.of("p"), null, null,
        Path.of("/ca"), true, null, "x; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
