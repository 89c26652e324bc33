package dev.citadel.catalog.store;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.datastax.oss.driver.api.core.session.Session;
import dev.citadel.catalog.validation.ValidationException;
import java.util.Base64;

/**
 * Paging tokens are the driver's <em>safe</em> paging state (it embeds a hash of the query and its bound values,
 * so a token minted for one item's comments is refused for another's), encoded URL-safe Base64 without padding so
 * that it can travel in a query string untouched. A token that is malformed or belongs to another query is a
 * client error ({@link ValidationException} on field {@code pageToken}), never a 500.
 */
final class PageTokens {

  static final String FIELD = "pageToken";
  /** Real tokens are well under 1 KB; refuse anything large before decoding it. */
  static final int MAX_TOKEN_LENGTH = 4096;

  private PageTokens() {}

  static String encode(PagingState state) {
    return state == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(state.toBytes());
  }

  /** Applies {@code token} (may be null or blank = first page) to the statement. */
  static BoundStatement apply(BoundStatement statement, String token, Session session) {
    if (token == null || token.isBlank()) {
      return statement;
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    try {
      PagingState state = PagingState.fromBytes(Base64.getUrlDecoder().decode(token));
      return statement.setPagingState(state, session);
    } catch (RuntimeException e) {
      // IllegalArgumentException from Base64, the driver's parser, or its "does not match" check.
      throw invalid();
    }
  }

  private static ValidationException invalid() {
    return new ValidationException(FIELD, "is not a valid page token for this listing");
  }
}
