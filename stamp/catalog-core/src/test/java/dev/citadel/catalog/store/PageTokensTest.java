package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.validation.ValidationException;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  @Test
  void absentTokenMeansFirstPage() {
    assertThat(PageTokens.apply(null, null, null)).isNull();
    assertThat(PageTokens.apply(null, " ", null)).isNull();
    assertThat(PageTokens.encode(null)).isNull();
  }

  @Test
  void malformedTokensAreClientErrorsOnThePageTokenField() {
    for (String bad : new String[] {"!!!not-base64!!!", "AAAA", "x".repeat(PageTokens.MAX_TOKEN_LENGTH + 1)}) {
      assertThatThrownBy(() -> PageTokens.apply(null, bad, null))
          .as(bad)
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.violations()).singleElement().extracting("field").isEqualTo("pageToken"));
    }
  }
}
