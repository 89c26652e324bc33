package dev.citadel.catalogapi.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void theSameItemContentHasOneFingerprintAndAPriceCountsByValue() {
        byte[] first = Fingerprint.ofItem("Lamp", "bright", "https://img.example/l.png", new BigDecimal("9.90"));

        assertThat(Fingerprint.ofItem("Lamp", "bright", "https://img.example/l.png", new BigDecimal("9.9")))
                .isEqualTo(first);
        assertThat(Fingerprint.ofItem("Lamp", "bright", "https://img.example/l.png", new BigDecimal("9.900")))
                .isEqualTo(first);
        assertThat(first).hasSize(32);
    }

    @Test
    void everyClientWritableFieldChangesTheFingerprint() {
        byte[] base = Fingerprint.ofItem("Lamp", "bright", null, new BigDecimal("1"));

        assertThat(Fingerprint.ofItem("Lamp2", "bright", null, new BigDecimal("1"))).isNotEqualTo(base);
        assertThat(Fingerprint.ofItem("Lamp", "dim", null, new BigDecimal("1"))).isNotEqualTo(base);
        assertThat(Fingerprint.ofItem("Lamp", "bright", "https://i.example/x.png", new BigDecimal("1")))
                .isNotEqualTo(base);
        assertThat(Fingerprint.ofItem("Lamp", "bright", null, new BigDecimal("1.01"))).isNotEqualTo(base);
        assertThat(Fingerprint.ofItem("Lamp", "bright", null, null)).isNotEqualTo(base);
    }

    @Test
    void fieldBoundariesAndAbsenceAreNotAmbiguous() {
        assertThat(Fingerprint.ofComment("ab", "c")).isNotEqualTo(Fingerprint.ofComment("a", "bc"));
        assertThat(Fingerprint.ofComment("Ann", null)).isNotEqualTo(Fingerprint.ofComment("Ann", ""));
        assertThat(Fingerprint.ofItem("x", null, "", null)).isNotEqualTo(Fingerprint.ofItem("x", "", null, null));
    }

    @Test
    void kindsNeverShareAFingerprint() {
        assertThat(Fingerprint.ofRating(4)).isEqualTo(Fingerprint.ofRating(4)).isNotEqualTo(Fingerprint.ofRating(5));
        assertThat(Fingerprint.ofComment("4", null)).isNotEqualTo(Fingerprint.ofRating(4));
    }
}
