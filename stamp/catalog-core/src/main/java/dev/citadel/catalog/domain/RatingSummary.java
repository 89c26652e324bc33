package dev.citadel.catalog.domain;

/**
 * Average and count of an item's votes, computed in the database.
 *
 * @param averageRating mean of the votes, 0.0 when there are none
 * @param numberOfVotes how many votes
 */
public record RatingSummary(double averageRating, long numberOfVotes) {

  /** The summary of an item nobody has rated yet. */
  public static final RatingSummary NONE = new RatingSummary(0.0, 0);
}
