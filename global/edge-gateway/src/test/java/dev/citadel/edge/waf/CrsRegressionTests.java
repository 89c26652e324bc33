package dev.citadel.edge.waf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OWASP CRS regression tests (ftw / go-ftw YAML) as requests to replay and expectations to judge them by.
 * Pure: parsing, the bytes of each request, and the classification; {@link CrsRegressionReplay} sends them.
 *
 * <p>Request bytes follow go-ftw (what CRS runs its tests with): {@code METHOD URI VERSION}, the headers in file
 * order, a blank line, the data (a list of lines is joined with CRLF). Unless {@code stop_magic}, go-ftw completes
 * the request: data without a Content-Type gets {@code application/x-www-form-urlencoded}, and such form data that
 * holds no {@code %} or {@code +} has each key and value URL-encoded; {@code Content-Length} is added when there is
 * data or the method carries a body, {@code Connection: close} when absent. Multipart data has LF made CRLF.
 * {@code raw_request} / {@code encoded_request} (base64) are sent as they are. Strings whose characters all fit in
 * one byte are sent as those bytes (the tests write {@code \xac\xed} meaning bytes), others as UTF-8.
 */
final class CrsRegressionTests {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern RULE_ID = Pattern.compile("\\b(9\\d{5})\\b");
    private static final String FORM = "application/x-www-form-urlencoded";
    /** go-ftw's {@code ^POST|PUT|PATCH|DELETE$}, alternation precedence included. */
    private static final Pattern BODY_METHODS = Pattern.compile("^POST|PUT|PATCH|DELETE$");
    private static final Pattern CATEGORY = Pattern.compile("REQUEST-(\\d{3})-");

    /** What a stage promises: a PL1 rule must fire, a rule must not fire, or something else (status, error). */
    enum Kind { ATTACK, ATTACK_PL2_OR_HIGHER, MUST_NOT_FIRE, OTHER }

    record Stage(String category, String title, int index, byte[] request, Set<Integer> mustFire,
            Set<Integer> mustNotFire, String unfaithful) {
    }

    private CrsRegressionTests() {
    }

    /** Every stage of every {@code *.yaml} under {@code dir}, in file-name order. */
    static List<Stage> load(Path dir) {
        List<Stage> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Matcher m = CATEGORY.matcher(f.toString());
                String category = m.find() ? m.group(1) : "?";
                all.addAll(parse(category, Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static List<Stage> parse(String category, String yaml) {
        JsonNode root = YAML.readTree(yaml);
        List<Stage> stages = new ArrayList<>();
        JsonNode tests = root.get("tests");
        if (tests == null) {
            return stages;
        }
        for (JsonNode test : tests) {
            String title = text(test.get("test_title"), "?");
            int i = 0;
            for (JsonNode s : test.get("stages")) {
                JsonNode stage = s.has("stage") ? s.get("stage") : s;
                JsonNode input = stage.get("input");
                JsonNode output = stage.get("output");
                stages.add(new Stage(category, title, i++, request(input), ruleIds(output.get("log_contains")),
                        ruleIds(output.get("no_log_contains")), unfaithful(input)));
            }
        }
        return stages;
    }

    static byte[] request(JsonNode in) {
        if (in.hasNonNull("encoded_request")) {
            return Base64.getMimeDecoder().decode(in.get("encoded_request").asString());
        }
        if (in.hasNonNull("raw_request")) {
            return bytes(lines(in.get("raw_request")));
        }
        String data = in.hasNonNull("data") ? lines(in.get("data")) : "";
        boolean complete = !(in.hasNonNull("stop_magic") && in.get("stop_magic").asBoolean());
        String method = text(in.get("method"), "GET");
        StringBuilder head = new StringBuilder()
                .append(method).append(' ')
                .append(text(in.get("uri"), "/")).append(' ')
                .append(text(in.get("version"), "HTTP/1.1")).append("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode given = in.get("headers");
        if (given != null && given.isObject()) {
            for (Map.Entry<String, JsonNode> h : given.properties()) {
                headers.put(h.getKey(), text(h.getValue(), ""));
            }
        }
        byte[] body = bytes(data);
        if (complete && body.length > 0) {
            if (header(headers, "content-type") == null) {
                headers.put("Content-Type", FORM);
            }
            if (FORM.equals(header(headers, "content-type")) && data.indexOf('%') < 0 && data.indexOf('+') < 0) {
                body = formEncode(body);
            }
        }
        String contentType = header(headers, "content-type");
        if (contentType != null && contentType.startsWith("multipart/form-data;")) {
            body = bytes(new String(body, StandardCharsets.ISO_8859_1).replace("\n", "\r\n"));
        }
        if (complete) {
            if (header(headers, "connection") == null) {
                headers.put("Connection", "close"); // one request per connection
            }
            if ((body.length > 0 || BODY_METHODS.matcher(method).find()) && header(headers, "content-length") == null) {
                headers.put("Content-Length", Integer.toString(body.length));
            }
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(head.toString()));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * Why a stage cannot be replayed as its author meant, or null. The tests were written for a plain-HTTP Apache
     * on port 80; both proxies here take HTTP/1.1 over TLS, so a request line in another protocol version, or an
     * HTTP/1.1 request without Host, is answered by the proxy's HTTP parser before any WAF rule sees it.
     */
    static String unfaithful(JsonNode in) {
        if (in.hasNonNull("encoded_request") || in.hasNonNull("raw_request")) {
            return null;
        }
        String version = text(in.get("version"), "HTTP/1.1");
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            return "version '" + version + "'";
        }
        boolean host = false;
        JsonNode headers = in.get("headers");
        if (headers != null && headers.isObject()) {
            for (Map.Entry<String, JsonNode> h : headers.properties()) {
                host |= h.getKey().equalsIgnoreCase("host");
            }
        }
        return !host && version.equals("HTTP/1.1") ? "HTTP/1.1 without Host" : null;
    }

    static Kind classify(Stage s, Map<Integer, Integer> paranoiaLevels) {
        if (!s.mustFire().isEmpty()) {
            boolean pl1 = s.mustFire().stream().anyMatch(id -> paranoiaLevels.getOrDefault(id, 1) == 1);
            return pl1 ? Kind.ATTACK : Kind.ATTACK_PL2_OR_HIGHER;
        }
        return s.mustNotFire().isEmpty() ? Kind.OTHER : Kind.MUST_NOT_FIRE;
    }

    /**
     * Rule id → paranoia level from CRS rule files ({@code tag:'paranoia-level/N'}); a rule without the tag is
     * absent here and counts as level 1.
     */
    static Map<Integer, Integer> paranoiaLevels(Path rulesDir) {
        Map<Integer, Integer> levels = new HashMap<>();
        try (Stream<Path> files = Files.list(rulesDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".conf")).toList()) {
                levels.putAll(paranoiaLevels(Files.readString(f, StandardCharsets.ISO_8859_1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return levels;
    }

    static Map<Integer, Integer> paranoiaLevels(String conf) {
        Map<Integer, Integer> levels = new HashMap<>();
        Pattern id = Pattern.compile("\\bid:(\\d+)");
        Pattern level = Pattern.compile("paranoia-level/(\\d)");
        Integer current = null;
        for (String line : conf.split("\n")) {
            if (line.startsWith("SecRule") || line.startsWith("SecAction") || line.startsWith("SecMarker")) {
                current = null; // a new top-level rule; chained rules are indented and carry no tags of their own
            }
            Matcher m = id.matcher(line);
            if (m.find()) {
                current = Integer.valueOf(m.group(1));
            }
            Matcher l = level.matcher(line);
            if (current != null && l.find()) {
                levels.putIfAbsent(current, Integer.valueOf(l.group(1)));
            }
        }
        return levels;
    }

    private static Set<Integer> ruleIds(JsonNode n) {
        Set<Integer> ids = new LinkedHashSet<>();
        if (n != null && !n.isNull()) {
            Matcher m = RULE_ID.matcher(n.asString());
            while (m.find()) {
                ids.add(Integer.valueOf(m.group(1)));
            }
        }
        return ids;
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * go-ftw's form encoding: split at '&', each token at its first '='; key and value escaped as Go's
     * {@code url.QueryEscape} does (space as '+'); a token without '=' escaped whole.
     */
    static byte[] formEncode(byte[] data) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        while (start <= data.length) {
            int amp = indexOf(data, (byte) '&', start, data.length);
            int end = amp < 0 ? data.length : amp;
            int eq = indexOf(data, (byte) '=', start, end);
            if (eq < 0) {
                escape(out, data, start, end);
            } else {
                escape(out, data, start, eq);
                out.append('=');
                escape(out, data, eq + 1, end);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            start = amp + 1;
        }
        if (out.length() > 0 && data[data.length - 1] == '&') {
            out.setLength(out.length() - 1); // go-ftw strips one trailing '&'
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static void escape(StringBuilder out, byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = data[i] & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
    }

    private static String lines(JsonNode n) {
        if (!n.isArray()) {
            return n.asString();
        }
        List<String> parts = new ArrayList<>();
        n.forEach(p -> parts.add(p.asString()));
        return String.join("\r\n", parts);
    }

    private static String text(JsonNode n, String absent) {
        return n == null || n.isNull() ? absent : n.asString();
    }

    private static byte[] bytes(String s) {
        boolean oneByte = s.chars().allMatch(c -> c <= 0xFF);
        return s.getBytes(oneByte ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
}
