package dev.citadel.waf.seclang;

import java.util.List;
import java.util.Map;

/**
 * What the engine inspects of a request. Strings carry bytes one char per byte (ISO-8859-1), as received.
 *
 * @param method request method
 * @param uri request target as on the request line (path and query, or an absolute URI)
 * @param protocol e.g. {@code HTTP/1.1}
 * @param headers header fields in order, repeated names kept
 * @param body request body bytes (empty when none)
 * @param remoteAddr client address
 */
public record WafRequest(
    String method, String uri, String protocol, List<Map.Entry<String, String>> headers, byte[] body,
    String remoteAddr) {

  public WafRequest {
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body;
    remoteAddr = remoteAddr == null ? "" : remoteAddr;
  }

  /** First value of a header (case-insensitive name), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }
}
