package dev.citadel.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredImageTest {

  @Test
  void etagIsAQuotedContentHashSoEqualBytesGiveEqualTags() {
    byte[] bytes = {1, 2, 3};
    StoredImage a = StoredImage.of(UUID.randomUUID(), "image/png", bytes);
    StoredImage b = StoredImage.of(UUID.randomUUID(), "image/png", bytes.clone());
    assertThat(a.etag()).startsWith("\"").endsWith("\"").hasSize(66).isEqualTo(b.etag());
    assertThat(StoredImage.etagOf(new byte[] {9})).isNotEqualTo(a.etag());
  }

  @Test
  void bytesCannotBeChangedFromOutside() {
    byte[] bytes = {1, 2, 3};
    StoredImage image = StoredImage.of(UUID.randomUUID(), "image/png", bytes);
    bytes[0] = 42;
    image.bytes()[1] = 42;
    assertThat(image.bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void equalityComparesContentAndToStringOmitsTheBytes() {
    UUID id = UUID.randomUUID();
    StoredImage a = StoredImage.of(id, "image/png", new byte[] {1});
    assertThat(a).isEqualTo(StoredImage.of(id, "image/png", new byte[] {1})).hasSameHashCodeAs(StoredImage.of(id, "image/png", new byte[] {1}));
    assertThat(a.toString()).contains("size=1").doesNotContain("[B@");
  }
}
