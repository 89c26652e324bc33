package dev.citadel.catalog.event;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kafka record headers of a catalog event. Values are UTF-8 strings. Kept free of kafka-clients so this module
 * stays a plain library: producers copy {@link #forEvent} into their {@code ProducerRecord}'s headers.
 */
public final class EventHeaders {

  /** {@link CatalogEvent#eventType()}: lets consumers route or skip without decoding the body. */
  public static final String EVENT_TYPE = "event-type";
  /** W3C trace context of the request that produced the event. */
  public static final String TRACEPARENT = "traceparent";
  /** {@link CatalogEvent#acceptedAt()} as decimal epoch milliseconds: lag metrics without decoding. */
  public static final String ACCEPTED_AT = "accepted-at";

  /** version-traceid-parentid-flags, lowercase hex (W3C Trace Context §3.2). */
  private static final Pattern TRACEPARENT_FORMAT =
      Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

  private EventHeaders() {}

  /**
   * The headers for one event, in a stable order. {@code traceparent} is included only when it is well formed, so
   * a malformed client value never travels further.
   */
  public static Map<String, byte[]> forEvent(CatalogEvent event, String traceparent) {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put(EVENT_TYPE, utf8(event.eventType()));
    headers.put(ACCEPTED_AT, utf8(Long.toString(event.acceptedAt())));
    if (isValidTraceparent(traceparent)) {
      headers.put(TRACEPARENT, utf8(traceparent));
    }
    return headers;
  }

  /** True for a syntactically valid W3C {@code traceparent} with non-zero ids. */
  public static boolean isValidTraceparent(String value) {
    return value != null
        && TRACEPARENT_FORMAT.matcher(value).matches()
        && !value.startsWith("ff")
        && !value.substring(3, 35).equals("0".repeat(32))
        && !value.substring(36, 52).equals("0".repeat(16));
  }

  /** Reads a numeric {@link #ACCEPTED_AT} header value; -1 when absent or malformed. */
  public static long parseAcceptedAt(byte[] value) {
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(new String(value, StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
