package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.catalog.error.RetriableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {

  private static final Duration OWN = Duration.ofSeconds(2);

  @Test
  void withoutADeadlineEveryStatementKeepsItsOwnTimeout() {
    assertThat(RequestDeadline.bound(OWN)).isEqualTo(OWN);
    assertThat(RequestDeadline.require(OWN, "read")).isEqualTo(OWN);
  }

  @Test
  void anOpenDeadlineCapsTheTimeoutAndClosingItRestoresTheOwnOne() {
    try (RequestDeadline d = RequestDeadline.open(Duration.ofMillis(500))) {
      assertThat(RequestDeadline.bound(OWN)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
      assertThat(RequestDeadline.bound(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100));
    }
    assertThat(RequestDeadline.bound(OWN)).isEqualTo(OWN);
  }

  @Test
  void nothingIsStartedOnceTheDeadlineHasPassed() {
    try (RequestDeadline d = RequestDeadline.open(Duration.ZERO)) {
      assertThatThrownBy(() -> RequestDeadline.require(OWN, "write item"))
          .isInstanceOf(RetriableException.class).hasMessageContaining("write item");
    }
  }

  @Test
  void anInnerDeadlineNeverOutlivesTheOuterOne() {
    try (RequestDeadline outer = RequestDeadline.open(Duration.ofMillis(300))) {
      try (RequestDeadline inner = RequestDeadline.open(Duration.ofSeconds(10))) {
        assertThat(RequestDeadline.bound(OWN)).isLessThanOrEqualTo(Duration.ofMillis(300));
      }
      assertThat(RequestDeadline.bound(OWN)).isLessThanOrEqualTo(Duration.ofMillis(300));
    }
    assertThat(RequestDeadline.bound(OWN)).isEqualTo(OWN);
  }
}
