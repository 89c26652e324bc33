package dev.citadel.catalog.validation;

import java.math.BigDecimal;

/** The input limits of the catalog contract (CITADEL.md §4), in one place so API docs and checks agree. */
public final class Limits {

  /** Item names and author names. */
  public static final int MAX_NAME_LENGTH = 200;
  /** Descriptions and comment texts. */
  public static final int MAX_TEXT_LENGTH = 4000;
  /** URLs longer than this are refused: browsers and proxies commonly stop at about 2 KB. */
  public static final int MAX_URL_LENGTH = 2048;
  /** Prices carry at most this many decimals. */
  public static final int PRICE_SCALE = 2;
  /** Upper bound so a price always fits the API's JSON number and the UI's formatting. */
  public static final BigDecimal MAX_PRICE = new BigDecimal("1000000000.00");
  public static final int MIN_RATING = 1;
  public static final int MAX_RATING = 5;
  /** Item list page size: default and maximum. */
  public static final int DEFAULT_ITEM_LIMIT = 100;
  public static final int MAX_ITEM_LIMIT = 1000;
  /** Comment list page size: default and maximum. */
  public static final int DEFAULT_COMMENT_LIMIT = 10;
  public static final int MAX_COMMENT_LIMIT = 1000;
  /** TTL of comments and ratings written with {@code X-TEST-DATA: true}. */
  public static final int TEST_DATA_TTL_SECONDS = 30;

  private Limits() {}
}
