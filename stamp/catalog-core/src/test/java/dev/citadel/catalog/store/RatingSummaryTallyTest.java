package dev.citadel.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citadel.catalog.domain.RatingSummary;
import org.junit.jupiter.api.Test;

class RatingSummaryTallyTest {

  @Test
  void countsSumsAndKeepsNoTtlWhenNoVoteExpires() {
    RatingSummaryTable.Tally tally = new RatingSummaryTable.Tally();
    tally.add(5, 0);
    tally.add(2, 0);
    assertThat(tally.votes).isEqualTo(2);
    assertThat(tally.total).isEqualTo(7);
    assertThat(tally.ttlSeconds()).isZero();
  }

  @Test
  void theTotalsExpireWithTheSoonestExpiringVote() {
    RatingSummaryTable.Tally tally = new RatingSummaryTable.Tally();
    tally.add(4, 0);
    tally.add(1, 28);
    tally.add(3, 7);
    tally.add(5, 19);
    assertThat(tally.ttlSeconds()).isEqualTo(7);
  }

  @Test
  void aSummaryIsTheMeanOfItsVotesAndNoneWithoutVotes() {
    assertThat(RatingSummaryTable.of(3, 13).averageRating()).isEqualTo(13.0 / 3);
    assertThat(RatingSummaryTable.of(3, 13).numberOfVotes()).isEqualTo(3);
    assertThat(RatingSummaryTable.of(0, 0)).isEqualTo(RatingSummary.NONE);
  }
}
