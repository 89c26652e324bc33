package dev.citadel.waf.seclang;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Request body processors: URL-encoded, JSON (ModSecurity's {@code json.a.b} argument names) and multipart. */
final class BodyProcessors {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int MAX_JSON_DEPTH = 512;

  private BodyProcessors() {}

  /** Splits {@code a=1&b=2} into decoded (name, value) pairs, added to {@code collection}. */
  static void urlEncoded(String s, Transaction tx, String collection) {
    if (s.isEmpty()) {
      return;
    }
    for (String pair : s.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      tx.addArg(collection, Transformations.urlDecode(name, false), Transformations.urlDecode(value, false));
    }
  }

  static void json(byte[] body, Transaction tx) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      tx.bodyError("JSON parsing error: " + e.getOriginalMessage());
      return;
    }
    if (root == null || root.isMissingNode()) {
      return;
    }
    walk(root, "json", tx, 0);
  }

  private static void walk(JsonNode n, String prefix, Transaction tx, int depth) {
    if (depth > MAX_JSON_DEPTH) {
      tx.bodyError("JSON nesting too deep");
      return;
    }
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), prefix + "." + bytes(e.getKey()), tx, depth + 1);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), prefix + "." + i, tx, depth + 1);
      }
    } else {
      tx.addArg("ARGS_POST", prefix, n.isNull() ? "" : bytes(n.asString()));
    }
  }

  private static String bytes(String unicode) {
    return new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /**
   * XML: {@code XML:/*} holds the document's text (the root element's string value) and {@code XML://@*} each
   * attribute value, the two XPath targets CRS uses. DTDs and external entities are refused.
   */
  static void xml(byte[] body, Transaction tx) {
    StringBuilder text = new StringBuilder();
    java.util.List<String> attrs = new java.util.ArrayList<>();
    try {
      javax.xml.parsers.SAXParserFactory f = javax.xml.parsers.SAXParserFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.newSAXParser().parse(new java.io.ByteArrayInputStream(body), new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void startElement(String uri, String local, String qName, org.xml.sax.Attributes a) {
          for (int i = 0; i < a.getLength(); i++) {
            attrs.add(a.getValue(i));
          }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
          text.append(ch, start, length);
        }
      });
    } catch (Exception e) {
      tx.bodyError("XML parsing error: " + e.getMessage());
      return;
    }
    tx.addEntry("XML", "/*", bytes(text.toString()));
    for (String a : attrs) {
      tx.addEntry("XML", "//@*", bytes(a));
    }
  }

  /** multipart/form-data: fields to ARGS_POST, file parts to FILES/FILES_NAMES, part headers kept. */
  static void multipart(String body, String contentType, Transaction tx) {
    String boundary = boundary(contentType);
    if (boundary == null) {
      tx.multipartError("multipart: no boundary in Content-Type");
      return;
    }
    String delim = "--" + boundary;
    int pos = body.indexOf(delim);
    if (pos < 0) {
      tx.multipartError("multipart: boundary not found");
      return;
    }
    boolean closed = false;
    while (true) {
      int lineEnd = body.indexOf('\n', pos);
      if (body.startsWith(delim + "--", pos)) {
        closed = true;
        break;
      }
      if (lineEnd < 0) {
        break;
      }
      int partStart = lineEnd + 1;
      int next = body.indexOf("\n" + delim, partStart);
      if (next < 0) {
        tx.multipartError("multipart: final boundary missing");
        break;
      }
      int partEnd = next > partStart && body.charAt(next - 1) == '\r' ? next - 1 : next;
      part(body.substring(partStart, Math.max(partStart, partEnd)), tx);
      pos = next + 1;
    }
    if (!closed) {
      tx.multipartError("multipart: final boundary missing");
    }
  }

  private static void part(String part, Transaction tx) {
    int sep = part.indexOf("\r\n\r\n");
    int skip = 4;
    int lf = part.indexOf("\n\n");
    if (sep < 0 || (lf >= 0 && lf < sep)) {
      sep = lf;
      skip = 2;
    }
    if (sep < 0) {
      tx.multipartError("multipart: part without header end");
      return;
    }
    String headers = part.substring(0, sep);
    String content = part.substring(sep + skip);
    String name = null;
    String filename = null;
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (String line : headers.split("\r?\n")) {
      if (line.isEmpty()) {
        continue;
      }
      lines.add(line);
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-disposition")) {
        String v = line.substring(colon + 1);
        name = param(v, "name");
        filename = param(v, "filename");
      }
    }
    if (name == null) {
      tx.multipartError("multipart: part without a name");
      return;
    }
    for (String line : lines) {
      tx.addEntry("MULTIPART_PART_HEADERS", name, line);
    }
    if (filename != null) {
      tx.addEntry("FILES", name, filename);
      tx.addEntry("FILES_NAMES", name, name);
      tx.addEntry("FILES_SIZES", name, Integer.toString(content.length()));
      tx.addFileBytes(content.length());
    } else {
      tx.addArg("ARGS_POST", name, content);
    }
  }

  /** A parameter of a header value: {@code name="x"} or {@code name=x}; not to be confused with {@code filename}. */
  static String param(String v, String key) {
    int i = 0;
    String lower = v.toLowerCase(Locale.ROOT);
    while ((i = lower.indexOf(key, i)) >= 0) {
      boolean start = i == 0 || lower.charAt(i - 1) == ';' || lower.charAt(i - 1) == ' ' || lower.charAt(i - 1) == '\t';
      int j = i + key.length();
      while (j < v.length() && v.charAt(j) == ' ') {
        j++;
      }
      if (start && j < v.length() && v.charAt(j) == '=') {
        j++;
        while (j < v.length() && v.charAt(j) == ' ') {
          j++;
        }
        if (j < v.length() && v.charAt(j) == '"') {
          int e = j + 1;
          StringBuilder b = new StringBuilder();
          while (e < v.length() && v.charAt(e) != '"') {
            if (v.charAt(e) == '\\' && e + 1 < v.length()) {
              e++;
            }
            b.append(v.charAt(e++));
          }
          return b.toString();
        }
        int e = j;
        while (e < v.length() && v.charAt(e) != ';') {
          e++;
        }
        return v.substring(j, e).strip();
      }
      i = j;
    }
    return null;
  }

  static String boundary(String contentType) {
    String b = param(contentType, "boundary");
    return b == null || b.isEmpty() ? null : b;
  }
}
