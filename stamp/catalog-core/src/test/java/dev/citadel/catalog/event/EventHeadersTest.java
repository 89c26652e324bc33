package dev.citadel.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void carriesTypeAcceptedAtAndTraceparent() {
    ItemDeleted event = new ItemDeleted(UUID.randomUUID(), 1234L, 0);
    Map<String, byte[]> headers = EventHeaders.forEvent(event, TRACEPARENT);
    assertThat(headers.keySet()).containsExactly("event-type", "accepted-at", "traceparent");
    assertThat(new String(headers.get(EventHeaders.EVENT_TYPE), StandardCharsets.UTF_8)).isEqualTo("ItemDeleted");
    assertThat(EventHeaders.parseAcceptedAt(headers.get(EventHeaders.ACCEPTED_AT))).isEqualTo(1234L);
    assertThat(new String(headers.get(EventHeaders.TRACEPARENT), StandardCharsets.UTF_8)).isEqualTo(TRACEPARENT);
  }

  @Test
  void dropsAMissingOrMalformedTraceparent() {
    ItemDeleted event = new ItemDeleted(UUID.randomUUID(), 1L, 0);
    assertThat(EventHeaders.forEvent(event, null)).doesNotContainKey(EventHeaders.TRACEPARENT);
    assertThat(EventHeaders.forEvent(event, "00-xyz\r\nEvil: 1")).doesNotContainKey(EventHeaders.TRACEPARENT);
  }

  @Test
  void validatesTraceparentPerW3c() {
    assertThat(EventHeaders.isValidTraceparent(TRACEPARENT)).isTrue();
    assertThat(EventHeaders.isValidTraceparent(TRACEPARENT.toUpperCase())).isFalse();
    assertThat(EventHeaders.isValidTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
    assertThat(EventHeaders.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
    assertThat(EventHeaders.isValidTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isFalse();
  }

  @Test
  void parsesAcceptedAtDefensively() {
    assertThat(EventHeaders.parseAcceptedAt(null)).isEqualTo(-1);
    assertThat(EventHeaders.parseAcceptedAt("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
  }

  @Test
  void topicDefaultsMatchTheContract() {
    assertThat(Topics.CATALOG_EVENTS).isEqualTo("catalog-events");
    assertThat(Topics.CATALOG_EVENTS_DLQ).isEqualTo("catalog-events-dlq");
  }
}
