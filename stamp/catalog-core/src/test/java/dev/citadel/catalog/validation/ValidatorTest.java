package dev.citadel.catalog.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorTest {

  private final Validator validator = Validator.INSTANCE;

  private static CatalogItem item(String name, String description, String imageUrl, String price) {
    return new CatalogItem(UUID.randomUUID(), name, description, imageUrl,
        price == null ? null : new BigDecimal(price), Instant.now(), null);
  }

  private static CatalogItem validItem() {
    return item("Mug", "A mug", "https://example.com/mug.png", "9.99");
  }

  private static List<String> fields(List<Violation> violations) {
    return violations.stream().map(Violation::field).toList();
  }

  @Test
  void acceptsAValidItem() {
    assertThat(validator.validate(validItem())).isEmpty();
  }

  @Test
  void acceptsAnItemWithoutDescriptionOrImage() {
    assertThat(validator.validate(item("Mug", null, null, "0"))).isEmpty();
  }

  @Test
  void reportsEveryBadItemFieldAtOnce() {
    List<Violation> v = validator.validate(item(" ", "x".repeat(4001), "ftp://x", "-1"));
    assertThat(fields(v)).containsExactly("name", "description", "imageUrl", "price");
  }

  @Test
  void reportsAMissingBody() {
    assertThat(fields(validator.validate((CatalogItem) null))).containsExactly("body");
    assertThat(fields(validator.validate((Comment) null))).containsExactly("body");
    assertThat(fields(validator.validate((Rating) null))).containsExactly("body");
  }

  @Test
  void rejectsNullOrBlankName() {
    assertThat(fields(validator.validate(item(null, null, null, "1")))).containsExactly("name");
    assertThat(fields(validator.validate(item("", null, null, "1")))).containsExactly("name");
    assertThat(fields(validator.validate(item("\t\n", null, null, "1")))).containsExactly("name");
  }

  @Test
  void acceptsANameOfExactlyTwoHundredCharactersAndRejectsOneMore() {
    assertThat(validator.validate(item("n".repeat(200), null, null, "1"))).isEmpty();
    assertThat(validator.validate(item("n".repeat(201), null, null, "1")))
        .containsExactly(new Violation("name", "must be at most 200 characters"));
  }

  @Test
  void countsCharactersAsCodePointsSoEmojiAreNotPenalised() {
    String twoHundredEmoji = "\uD83D\uDE00".repeat(200);
    assertThat(validator.validate(item(twoHundredEmoji, null, null, "1"))).isEmpty();
  }

  @Test
  void acceptsADescriptionOfFourThousandCharactersAndRejectsOneMore() {
    assertThat(validator.validate(item("a", "d".repeat(4000), null, "1"))).isEmpty();
    assertThat(fields(validator.validate(item("a", "d".repeat(4001), null, "1")))).containsExactly("description");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com/a.png", "https://example.com:8443/a.png?x=1", "HTTPS://EXAMPLE.COM/"})
  void acceptsHttpAndHttpsUrls(String url) {
    assertThat(validator.validate(item("a", null, url, "1"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/a.png", "file:///etc/passwd", "javascript:alert(1)", "data:image/png;base64,AA",
      "/relative/path.png", "http:///nohost", "not a url", "https://user:pw@example.com/a.png", " "})
  void rejectsUrlsThatAreNotAbsoluteHttp(String url) {
    assertThat(fields(validator.validate(item("a", null, url, "1")))).containsExactly("imageUrl");
  }

  @Test
  void rejectsUrlsLongerThanTheLimit() {
    String url = "https://example.com/" + "a".repeat(Limits.MAX_URL_LENGTH);
    assertThat(validator.validate(item("a", null, url, "1")))
        .containsExactly(new Violation("imageUrl", "must be at most 2048 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.00", "10", "10.5", "10.50", "10.500", "1000000000.00"})
  void acceptsNonNegativePricesWithAtMostTwoDecimals(String price) {
    assertThat(validator.validate(item("a", null, null, price))).isEmpty();
  }

  @Test
  void rejectsNegativePrice() {
    assertThat(validator.validate(item("a", null, null, "-0.01")))
        .containsExactly(new Violation("price", "must not be negative"));
  }

  @Test
  void rejectsPriceWithThreeDecimals() {
    assertThat(validator.validate(item("a", null, null, "1.005")))
        .containsExactly(new Violation("price", "must have at most 2 decimals"));
  }

  @Test
  void rejectsMissingOrHugePrice() {
    assertThat(fields(validator.validate(item("a", null, null, null)))).containsExactly("price");
    assertThat(fields(validator.validate(item("a", null, null, "1000000000.01")))).containsExactly("price");
  }

  @Test
  void acceptsAValidComment() {
    Comment c = new Comment(UUID.randomUUID(), UUID.randomUUID(), "Ann", "Nice", Instant.now());
    assertThat(validator.validate(c)).isEmpty();
  }

  @Test
  void rejectsBlankOrOverlongCommentFields() {
    Comment blank = new Comment(null, null, "", null, null);
    assertThat(fields(validator.validate(blank))).containsExactly("authorName", "text");
    Comment overlong = new Comment(null, null, "a".repeat(201), "t".repeat(4001), null);
    assertThat(fields(validator.validate(overlong))).containsExactly("authorName", "text");
    Comment atLimit = new Comment(null, null, "a".repeat(200), "t".repeat(4000), null);
    assertThat(validator.validate(atLimit)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void acceptsRatingsOneToFive(int value) {
    assertThat(validator.validate(new Rating(null, null, value, null))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6, -1, Integer.MAX_VALUE})
  void rejectsRatingsOutsideOneToFive(int value) {
    assertThat(validator.validate(new Rating(null, null, value, null)))
        .containsExactly(new Violation("rating", "must be between 1 and 5"));
  }

  @Test
  void rejectsMissingRating() {
    assertThat(fields(validator.validate(new Rating(null, null, null, null)))).containsExactly("rating");
  }

  @Test
  void acceptsLimitsInRangeOrAbsentAndRejectsOthers() {
    assertThat(validator.validateLimit(null, 1000)).isEmpty();
    assertThat(validator.validateLimit(1, 1000)).isEmpty();
    assertThat(validator.validateLimit(1000, 1000)).isEmpty();
    assertThat(fields(validator.validateLimit(0, 1000))).containsExactly("limit");
    assertThat(fields(validator.validateLimit(1001, 1000))).containsExactly("limit");
  }

  @Test
  void requireValidThrowsWithTheViolations() {
    List<Violation> v = List.of(new Violation("name", "must not be blank"));
    assertThatThrownBy(() -> Validator.requireValid(v))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations()).isEqualTo(v));
    Validator.requireValid(List.of());
  }
}
