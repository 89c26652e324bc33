package dev.citadel.catalog.validation;

import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.Comment;
import dev.citadel.catalog.domain.Rating;
import dev.citadel.catalog.event.CatalogEvent;
import dev.citadel.catalog.event.CommentAdded;
import dev.citadel.catalog.event.RatingAdded;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks catalog values against {@link Limits} and returns every violation at once (an empty list means valid).
 *
 * <p>Stateless and thread-safe; {@link #INSTANCE} is enough. Ids and timestamps are assigned by the server, so
 * they are not checked here.
 */
public final class Validator {

  public static final Validator INSTANCE = new Validator();

  /** Checks the client-supplied fields of an item (create and update). */
  public List<Violation> validate(CatalogItem item) {
    List<Violation> out = new ArrayList<>();
    if (item == null) {
      out.add(new Violation("body", "must not be empty"));
      return out;
    }
    requiredText(out, "name", item.name(), Limits.MAX_NAME_LENGTH);
    optionalText(out, "description", item.description(), Limits.MAX_TEXT_LENGTH);
    optionalUrl(out, "imageUrl", item.imageUrl());
    price(out, "price", item.price());
    return out;
  }

  /** Checks the client-supplied fields of a comment. */
  public List<Violation> validate(Comment comment) {
    List<Violation> out = new ArrayList<>();
    if (comment == null) {
      out.add(new Violation("body", "must not be empty"));
      return out;
    }
    requiredText(out, "authorName", comment.authorName(), Limits.MAX_NAME_LENGTH);
    requiredText(out, "text", comment.text(), Limits.MAX_TEXT_LENGTH);
    return out;
  }

  /** Checks the client-supplied fields of a rating. */
  public List<Violation> validate(Rating rating) {
    List<Violation> out = new ArrayList<>();
    if (rating == null) {
      out.add(new Violation("body", "must not be empty"));
      return out;
    }
    Integer value = rating.rating();
    if (value == null) {
      out.add(new Violation("rating", "must not be null"));
    } else if (value < Limits.MIN_RATING || value > Limits.MAX_RATING) {
      out.add(new Violation("rating", "must be between " + Limits.MIN_RATING + " and " + Limits.MAX_RATING));
    }
    return out;
  }

  /**
   * Checks the payload of a decoded event (the envelope and ids are checked by the event records themselves).
   * The processor treats violations as poison: the API validated the same rules before it accepted the write.
   */
  public List<Violation> validate(CatalogEvent event) {
    if (event instanceof CommentAdded added) {
      return validate(added.comment());
    }
    if (event instanceof RatingAdded added) {
      return validate(added.rating());
    }
    return List.of();
  }

  /** Checks a page size; {@code null} means "use the default" and is valid. */
  public List<Violation> validateLimit(Integer limit, int max) {
    if (limit == null || (limit >= 1 && limit <= max)) {
      return List.of();
    }
    return List.of(new Violation("limit", "must be between 1 and " + max));
  }

  /** Throws {@link ValidationException} when {@code violations} is not empty. */
  public static void requireValid(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  private static void requiredText(List<Violation> out, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      out.add(new Violation(field, "must not be blank"));
    } else {
      maxLength(out, field, value, max);
    }
  }

  private static void optionalText(List<Violation> out, String field, String value, int max) {
    if (value != null) {
      maxLength(out, field, value, max);
    }
  }

  /** Length in code points, so an emoji counts as one character as the user sees it. */
  private static void maxLength(List<Violation> out, String field, String value, int max) {
    if (value.codePointCount(0, value.length()) > max) {
      out.add(new Violation(field, "must be at most " + max + " characters"));
    }
  }

  private static void optionalUrl(List<Violation> out, String field, String value) {
    if (value == null) {
      return;
    }
    if (value.isBlank()) {
      out.add(new Violation(field, "must not be blank"));
    } else if (value.length() > Limits.MAX_URL_LENGTH) {
      out.add(new Violation(field, "must be at most " + Limits.MAX_URL_LENGTH + " characters"));
    } else if (!isHttpUrl(value)) {
      out.add(new Violation(field, "must be an absolute http or https URL"));
    }
  }

  /** Only http(s) with a host: file:, jar:, data: and friends are how SSRF and local file reads start. */
  static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme == null || uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
        return false;
      }
      String s = scheme.toLowerCase(Locale.ROOT);
      return s.equals("http") || s.equals("https");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void price(List<Violation> out, String field, BigDecimal price) {
    if (price == null) {
      out.add(new Violation(field, "must not be null"));
    } else if (price.signum() < 0) {
      out.add(new Violation(field, "must not be negative"));
    } else if (price.stripTrailingZeros().scale() > Limits.PRICE_SCALE) {
      out.add(new Violation(field, "must have at most " + Limits.PRICE_SCALE + " decimals"));
    } else if (price.compareTo(Limits.MAX_PRICE) > 0) {
      out.add(new Violation(field, "must be at most " + Limits.MAX_PRICE.toPlainString()));
    }
  }
}
