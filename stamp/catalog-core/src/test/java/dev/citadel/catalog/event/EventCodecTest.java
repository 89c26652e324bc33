package dev.citadel.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.error.FatalException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

  private static final long ACCEPTED = 1_764_000_000_123L;
  private static final UUID ITEM = UUID.fromString("6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01");
  private final EventCodec codec = new EventCodec();

  static Stream<CatalogEvent> everyEventType() {
    Instant created = Instant.parse("2026-11-26T05:00:00.123456Z");
    return Stream.of(
        new CommentAdded(new Comment(UUID.randomUUID(), ITEM, "Ann", "Lovely \u00e9\u4e2d\uD83D\uDE00 \"quoted\"", created), ACCEPTED, 0),
        new RatingAdded(new Rating(UUID.randomUUID(), ITEM, 4, created), ACCEPTED, 30),
        new CommentDeleted(ITEM, UUID.randomUUID(), ACCEPTED, 0),
        new RatingDeleted(ITEM, UUID.randomUUID(), ACCEPTED, 0),
        new ItemDeleted(ITEM, ACCEPTED, 0),
        new HealthProbe(UUID.randomUUID(), "health-service@stamp-a", ACCEPTED, 30));
  }

  @ParameterizedTest
  @MethodSource("everyEventType")
  void roundTripsEveryEventType(CatalogEvent event) {
    byte[] bytes = codec.encode(event);
    assertThat(codec.decode(bytes)).isEqualTo(event);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"type\":\"" + event.eventType() + "\"");
  }

  @Test
  void writesTimestampsAsIsoStringsAndKeysEventsByItem() {
    CommentAdded event = (CommentAdded) everyEventType().findFirst().orElseThrow();
    String json = new String(codec.encode(event), StandardCharsets.UTF_8);
    assertThat(json).contains("\"creationDate\":\"2026-11-26T05:00:00.123456Z\"").contains("\"acceptedAt\":" + ACCEPTED);
    assertThat(event.key()).isEqualTo(ITEM.toString());
    assertThat(json).doesNotContain("\"key\"").doesNotContain("eventType");
  }

  @Test
  void ignoresUnknownFieldsSoNewerProducersCanAddSome() {
    String json = "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"" + ITEM + "\",\"acceptedAt\":5,\"ttlSeconds\":0,"
        + "\"addedInV2\":{\"x\":1}}";
    assertThat(codec.decode(utf8(json))).isEqualTo(new ItemDeleted(ITEM, 5, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "not json", "{", "null", "[]", "42", "{}",
      "{\"type\":\"Nope\",\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"not-a-uuid\",\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"acceptedAt\":null,\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"acceptedAt\":-1,\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"acceptedAt\":5,\"ttlSeconds\":-3}",
      "{\"type\":\"CommentAdded\",\"comment\":null,\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"type\":\"CommentAdded\",\"comment\":{\"id\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\"},\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"type\":\"RatingAdded\",\"rating\":{\"id\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\","
          + "\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"rating\":9,"
          + "\"creationDate\":\"2026-11-26T05:00:00Z\"},\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"type\":\"CommentAdded\",\"comment\":{\"id\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\","
          + "\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"authorName\":\"\",\"text\":\"x\","
          + "\"creationDate\":\"2026-11-26T05:00:00Z\"},\"acceptedAt\":5,\"ttlSeconds\":0}"
  })
  void decodingGarbageOrInvalidEventsThrowsPoison(String value) {
    assertThatThrownBy(() -> codec.decode(utf8(value)))
        .isInstanceOf(PoisonEventException.class)
        .isInstanceOf(FatalException.class)
        .satisfies(e -> assertThat(((PoisonEventException) e).reason()).isNotBlank());
  }

  @Test
  void decodingRandomBytesThrowsPoison() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[1 + random.nextInt(200)];
      random.nextBytes(bytes);
      assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(PoisonEventException.class);
    }
  }

  @Test
  void decodingNullOrOversizedValuesThrowsPoisonWithoutParsing() {
    assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(PoisonEventException.class);
    byte[] huge = new byte[EventCodec.MAX_EVENT_BYTES + 1];
    assertThatThrownBy(() -> codec.decode(huge))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining("larger than");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "not json", "{\"type\":", "null", "[1,2]", "{\"acceptedAt\":5}",
      "{\"type\":\"NoSuchEvent\",\"acceptedAt\":5,\"ttlSeconds\":0}"
  })
  void recordsThatAreNoCatalogEventAtAllArePoisonOfKindUnparseable(String value) {
    assertThatThrownBy(() -> codec.decode(utf8(value)))
        .isInstanceOfSatisfying(PoisonEventException.class,
            e -> assertThat(e.kind()).isEqualTo(PoisonEventException.Kind.UNPARSEABLE));
  }

  @Test
  void anOversizedRecordIsPoisonOfKindUnparseable() {
    assertThatThrownBy(() -> codec.decode(new byte[EventCodec.MAX_EVENT_BYTES + 1]))
        .isInstanceOfSatisfying(PoisonEventException.class,
            e -> assertThat(e.kind()).isEqualTo(PoisonEventException.Kind.UNPARSEABLE));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"not-a-uuid\",\"acceptedAt\":5,\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"ttlSeconds\":0}",
      "{\"type\":\"ItemDeleted\",\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"acceptedAt\":-1,"
          + "\"ttlSeconds\":0}",
      "{\"type\":\"RatingAdded\",\"rating\":{\"id\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\","
          + "\"catalogItemId\":\"6f1c1f4e-3a3c-4d7e-9a55-0c9e2f6c1a01\",\"rating\":9,"
          + "\"creationDate\":\"2026-11-26T05:00:00Z\"},\"acceptedAt\":5,\"ttlSeconds\":0}"
  })
  void eventsOfAKnownTypeWithBadFieldsArePoisonOfKindInvalid(String value) {
    assertThatThrownBy(() -> codec.decode(utf8(value)))
        .isInstanceOfSatisfying(PoisonEventException.class,
            e -> assertThat(e.kind()).isEqualTo(PoisonEventException.Kind.INVALID));
  }

  @Test
  void thePoisonKindNamesTheDeadLetterReason() {
    assertThat(PoisonEventException.Kind.UNPARSEABLE.headerValue()).isEqualTo("unparseable");
    assertThat(PoisonEventException.Kind.INVALID.headerValue()).isEqualTo("invalid");
    assertThat(new PoisonEventException(PoisonEventException.Kind.INVALID, "text too long"))
        .hasMessage("poison event (invalid): text too long");
  }

  @Test
  void poisonReasonNamesTheBadFieldButNotItsContent() {
    String json = "{\"type\":\"CommentAdded\",\"comment\":{\"id\":\"" + UUID.randomUUID() + "\",\"catalogItemId\":\""
        + ITEM + "\",\"authorName\":\"secret-author\",\"text\":\"" + "t".repeat(4001) + "\","
        + "\"creationDate\":\"2026-11-26T05:00:00Z\"},\"acceptedAt\":5,\"ttlSeconds\":0}";
    assertThatThrownBy(() -> codec.decode(utf8(json)))
        .isInstanceOfSatisfying(PoisonEventException.class, e -> assertThat(e.reason())
            .contains("text").doesNotContain("secret-author").doesNotContain("tttt"));
  }

  @Test
  void eventRecordsRefuseMissingIdsAndBadEnvelopes() {
    assertThatThrownBy(() -> new ItemDeleted(null, 1, 0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ItemDeleted(ITEM, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ItemDeleted(ITEM, 1, CatalogEvent.MAX_TTL_SECONDS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommentAdded(new Comment(UUID.randomUUID(), null, "a", "b", Instant.now()), 1, 0))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void everyEventTypeIsCoveredByTheTests() {
    List<String> tested = everyEventType().map(CatalogEvent::eventType).toList();
    List<String> declared = Stream.of(CatalogEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();
    assertThat(tested).containsExactlyInAnyOrderElementsOf(declared);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
