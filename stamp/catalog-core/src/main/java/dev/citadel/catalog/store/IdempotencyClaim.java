package dev.citadel.catalog.store;

/**
 * What {@link CatalogStore#claim} decided about a key-derived id.
 *
 * @param outcome who owns the id now
 * @param scope   how far the decision holds: every data centre (Paxos at {@code SERIAL}), or only this one when the
 *                other data centre could not take part
 */
public record IdempotencyClaim(Outcome outcome, Scope scope) {

  public enum Outcome {
    /** This request took the id: it may write. */
    CLAIMED,
    /** The id was already claimed with this very fingerprint (a retry, or the same body on the other stamp). */
    SAME_REQUEST,
    /** The id was claimed for different content: the request must not write. */
    OTHER_REQUEST
  }

  public enum Scope {
    ALL_DATA_CENTRES,
    THIS_DATA_CENTRE
  }

  /** The request may write (what it writes is the content the id was claimed for). */
  public boolean owned() {
    return outcome != Outcome.OTHER_REQUEST;
  }
}
