package dev.citadel.webui.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssetFingerprintTest {

    @Test
    void isAShortHexHashThatIsStableForTheSameContent() {
        String first = AssetFingerprint.compute(AssetFingerprint.ASSETS);
        assertThat(first).matches("[0-9a-f]{12}");
        assertThat(AssetFingerprint.compute(AssetFingerprint.ASSETS)).isEqualTo(first);
        assertThat(new AssetFingerprint().urlPrefix()).isEqualTo("/assets/" + first);
    }

    @Test
    void changesWhenTheFilesDiffer() {
        // two fixture trees that differ in one byte of one file
        assertThat(AssetFingerprint.compute("classpath:/fingerprint/a/"))
                .isNotEqualTo(AssetFingerprint.compute("classpath:/fingerprint/b/"))
                .isNotEqualTo(AssetFingerprint.compute(AssetFingerprint.ASSETS));
    }
}
