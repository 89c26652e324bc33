package dev.citadel.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.edge.config.Secret;
import org.junit.jupiter.api.Test;

/** GET /origins shows which edge id is sent as the first 12 hex digits of its SHA-256, never the id itself. */
class OriginStatusFingerprintTest {

    @Test
    void isTheFirstSixBytesOfTheSha256InHex() {
        assertThat(OriginStatus.fingerprint(Secret.of("abc"))).isEqualTo("ba7816bf8f01");
        assertThat(OriginStatus.fingerprint(null)).isNull();
    }
}
