package dev.citadel.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.domain.RatingSummary;
import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalog.store.CatalogStore;
import dev.citadel.catalog.store.Page;
import dev.citadel.catalog.validation.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRUD, paging, ordering, aggregates and replication of every catalog table, on the real two-DC cluster. */
class CatalogStoreIT {

  static final String KEYSPACE = "core_it_store";
  static CqlSession dc1Session;
  static CqlSession dc2Session;
  static CatalogStore dc1;
  static CatalogStore dc2;

  @BeforeAll
  static void migrate() {
    dc1Session = CassandraFixture.adminSession(CassandraFixture.dc1(), KEYSPACE);
    CassandraFixture.migrate(dc1Session, KEYSPACE);
    dc2Session = CassandraFixture.adminSession(CassandraFixture.dc2(), KEYSPACE);
    dc1 = new CatalogStore(dc1Session, KEYSPACE, CassandraFixture.TIMEOUT);
    dc2 = new CatalogStore(dc2Session, KEYSPACE, CassandraFixture.TIMEOUT);
  }

  @AfterAll
  static void close() {
    if (dc1Session != null) {
      dc1Session.close();
    }
    if (dc2Session != null) {
      dc2Session.close();
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  static CatalogItem newItem(String name) {
    return new CatalogItem(UUID.randomUUID(), name, "About " + name, "https://img.example/" + UUID.randomUUID() + ".png",
        new BigDecimal("12.50"), now(), null);
  }

  @Test
  void createsReadsAndUpdatesAnItem() {
    CatalogItem item = newItem("Lamp");
    dc1.upsertItem(item);
    assertThat(dc1.findItem(item.id())).contains(item);
    assertThat(dc1.itemExists(item.id())).isTrue();

    CatalogItem updated = new CatalogItem(item.id(), "Lamp XL", null, null, new BigDecimal("3"), now(), null);
    dc1.upsertItem(updated);
    CatalogItem read = dc1.findItem(item.id()).orElseThrow();
    assertThat(read.name()).isEqualTo("Lamp XL");
    assertThat(read.description()).isNull();
    assertThat(read.price()).isEqualByComparingTo("3.00");
    assertThat(dc1.findItem(UUID.randomUUID())).isEmpty();
  }

  @Test
  void refusesToStoreAnInvalidItem() {
    CatalogItem bad = new CatalogItem(UUID.randomUUID(), " ", null, null, new BigDecimal("-1"), now(), null);
    assertThatThrownBy(() -> dc1.upsertItem(bad)).isInstanceOf(ValidationException.class);
    assertThat(dc1.findItem(bad.id())).isEmpty();
  }

  @Test
  void listsItemsByNameWithoutDescriptionAcrossPagesAndFollowsRenames() {
    // A keyspace of its own: other tests add items to the shared listing.
    String keyspace = "core_it_listing";
    try (CqlSession session = CassandraFixture.adminSession(CassandraFixture.dc1(), keyspace)) {
      CassandraFixture.migrate(session, keyspace);
      CatalogStore store = new CatalogStore(session, keyspace, CassandraFixture.TIMEOUT);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        String name = (i % 2 == 0 ? "item " : "Item ") + (char) ('a' + (24 - i));
        names.add(name);
        store.upsertItem(newItem(name));
      }
      List<CatalogItem> all = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        Page<CatalogItem> page = store.listItems(10, token);
        assertThat(page.items()).hasSizeLessThanOrEqualTo(10);
        all.addAll(page.items());
        token = page.nextPageToken();
        pages++;
      } while (token != null && pages < 10);

      assertThat(pages).isBetween(3, 4);
      assertThat(all).extracting(CatalogItem::name)
          .containsExactlyElementsOf(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
      assertThat(all).allSatisfy(i -> assertThat(i.description()).isNull());

      CatalogItem first = all.get(0);
      store.upsertItem(new CatalogItem(first.id(), "zz renamed", "d", null, BigDecimal.ONE, now(), null));
      List<CatalogItem> afterRename = store.listItems(1000, null).items();
      assertThat(afterRename).hasSize(25);
      assertThat(afterRename.get(24).name()).isEqualTo("zz renamed");
      assertThat(afterRename).extracting(CatalogItem::name).doesNotContain(first.name());
    }
  }

  @Test
  void refusesForeignOrForgedPageTokens() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      dc1.addComment(new Comment(UUID.randomUUID(), a, "x", "c" + i, now()), System.currentTimeMillis(), 0);
    }
    String token = dc1.listComments(a, 2, null).nextPageToken();
    assertThat(token).isNotNull().matches("[A-Za-z0-9_-]+");
    assertThat(dc1.listComments(a, 2, token).items()).hasSize(1);
    assertThatThrownBy(() -> dc1.listComments(b, 2, token)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> dc1.listItems(10, "Zm9yZ2Vk")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> dc1.listItems(1001, null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void listsCommentsNewestFirstAndFindsAndDeletesThemById() {
    UUID itemId = UUID.randomUUID();
    Instant t0 = now();
    List<Comment> comments = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Comment c = new Comment(UUID.randomUUID(), itemId, "author" + i, "text" + i, t0.plusSeconds(i));
      comments.add(c);
      dc1.addComment(c, t0.toEpochMilli() + i, 0);
    }
    List<Comment> newestFirst = new ArrayList<>(comments);
    java.util.Collections.reverse(newestFirst);
    assertThat(dc1.listComments(itemId, 10, null).items()).containsExactlyElementsOf(newestFirst);
    assertThat(dc1.listComments(itemId, 2, null).items()).containsExactly(comments.get(4), comments.get(3));
    assertThat(dc1.findComment(itemId, comments.get(2).id())).contains(comments.get(2));
    assertThat(dc1.findComment(UUID.randomUUID(), comments.get(2).id())).isEmpty();

    dc1.deleteComment(itemId, comments.get(2).id(), t0.toEpochMilli() + 100);
    assertThat(dc1.findComment(itemId, comments.get(2).id())).isEmpty();
    assertThat(dc1.listComments(itemId, 10, null).items()).hasSize(4).doesNotContain(comments.get(2));
    dc1.deleteComment(itemId, comments.get(2).id(), t0.toEpochMilli() + 200);
  }

  @Test
  void computesTheRatingAverageAndCountInTheDatabase() {
    UUID itemId = UUID.randomUUID();
    assertThat(dc1.ratingSummary(itemId)).isEqualTo(RatingSummary.NONE);
    long t = System.currentTimeMillis();
    List<Rating> ratings = new ArrayList<>();
    for (int value : new int[] {5, 4, 4, 1}) {
      Rating r = new Rating(UUID.randomUUID(), itemId, value, now());
      ratings.add(r);
      dc1.addRating(r, t, 0);
    }
    assertThat(dc1.ratingSummary(itemId)).isEqualTo(new RatingSummary(3.5, 4));
    assertThat(dc1.findRating(itemId, ratings.get(0).id())).contains(ratings.get(0));

    dc1.deleteRating(itemId, ratings.get(3).id(), t + 1);
    assertThat(dc1.findRating(itemId, ratings.get(3).id())).isEmpty();
    RatingSummary summary = dc1.ratingSummary(itemId);
    assertThat(summary.numberOfVotes()).isEqualTo(3);
    assertThat(summary.averageRating()).isCloseTo(13.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void findsAnItemWithItsRatingSummaryAndNothingForAMissingItem() {
    CatalogItem item = newItem("Rated lamp");
    dc1.upsertItem(item);
    assertThat(dc1.findItemWithRating(item.id())).hasValueSatisfying(found ->
        assertThat(found.rating()).isEqualTo(RatingSummary.NONE));
    long t = System.currentTimeMillis();
    dc1.addRating(new Rating(UUID.randomUUID(), item.id(), 5, now()), t, 0);
    dc1.addRating(new Rating(UUID.randomUUID(), item.id(), 2, now()), t, 0);

    assertThat(dc1.findItemWithRating(item.id())).hasValueSatisfying(found -> {
      assertThat(found.name()).isEqualTo("Rated lamp");
      assertThat(found.rating()).isEqualTo(new RatingSummary(3.5, 2));
    });
    assertThat(dc1.findItemWithRating(UUID.randomUUID())).isEmpty();
  }

  @Test
  void storesAndServesImageBytes() {
    byte[] bytes = new byte[300_000];
    new java.util.Random(7).nextBytes(bytes);
    StoredImage image = StoredImage.of(UUID.randomUUID(), "image/png", bytes);
    dc1.putImage(image);
    assertThat(dc1.findImage(image.id())).contains(image);
    assertThat(dc1.findImage(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aTtlCommentAndRatingDisappearByThemselves() {
    UUID itemId = UUID.randomUUID();
    Comment c = new Comment(UUID.randomUUID(), itemId, "smoke", "test data", now());
    dc1.addComment(c, System.currentTimeMillis(), 2);
    dc1.addRating(new Rating(UUID.randomUUID(), itemId, 3, now()), System.currentTimeMillis(), 2);
    assertThat(dc1.findComment(itemId, c.id())).isPresent();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(dc1.findComment(itemId, c.id())).isEmpty();
      assertThat(dc1.listComments(itemId, 10, null).items()).isEmpty();
      assertThat(dc1.ratingSummary(itemId).numberOfVotes()).isZero();
    });
  }

  @Test
  void aWriteAtLocalQuorumInDc1BecomesReadableInDc2() {
    CatalogItem item = newItem("Replicated");
    dc1.upsertItem(item);
    Comment c = new Comment(UUID.randomUUID(), item.id(), "far", "away", now());
    dc1.addComment(c, System.currentTimeMillis(), 0);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      assertThat(dc2.findItem(item.id())).contains(item);
      assertThat(dc2.findComment(item.id(), c.id())).contains(c);
    });
  }
}
