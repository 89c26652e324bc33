package dev.citadel.edge.waf;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a {@link WafRequest} into rule targets and records protocol facts ({@code flags}) found on the way:
 * encoding abuse, missing Host, ambiguous framing headers, unparseable bodies. Parsing is lenient (the WAF must
 * see what a lenient origin would see); strictness lives in the protocol rules that read the flags.
 */
final class RequestParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_JSON_DEPTH = 64;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private RequestParser() { }

    static ParsedRequest parse(WafRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        int hash = rawPath.indexOf('#');
        if (hash >= 0) {
            rawPath = rawPath.substring(0, hash);
        }
        PercentDecoder.Result path = PercentDecoder.decode(rawPath, false);
        ParsedRequest parsed = new ParsedRequest(path.text());
        flagAnomalies(parsed, path.anomalies());
        parsed.add(Target.Kind.PATH, null, path.text());
        parsed.add(Target.Kind.METHOD, null, request.method());
        int args = q < 0 ? 0 : parseUrlEncoded(uri.substring(q + 1), parsed);
        parseHeaders(request, parsed);
        args += parseBody(request, parsed);
        parsed.add(Target.Kind.ARGS_COUNT, null, Integer.toString(args));
        return parsed;
    }

    private static void parseHeaders(WafRequest request, ParsedRequest parsed) {
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            parsed.addHeader(name, h.getValue());
            parsed.add(Target.Kind.HEADERS_NAMES, null, name);
            if (name.equals("cookie")) {
                parseCookies(h.getValue(), parsed);
            }
        }
        String host = request.header("host");
        if (host == null || host.isBlank()) {
            parsed.flag("missing_host");
        }
        if (request.headerCount("host") > 1) {
            parsed.flag("multiple_host");
        }
        String contentLength = request.header("content-length");
        String transferEncoding = request.header("transfer-encoding");
        if (contentLength != null && transferEncoding != null) {
            parsed.flag("content_length_and_transfer_encoding");
        }
        if (contentLength != null && !DIGITS.matcher(contentLength.trim()).matches()) {
            parsed.flag("bad_content_length");
        }
        if (request.headerCount("content-length") > 1) {
            parsed.flag("multiple_content_length");
        }
        if (transferEncoding != null && !transferEncoding.trim().equalsIgnoreCase("chunked")) {
            parsed.flag("bad_transfer_encoding");
        }
    }

    private static void parseCookies(String header, ParsedRequest parsed) {
        for (String pair : header.split(";")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).trim();
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            parsed.add(Target.Kind.COOKIES_NAMES, name, name);
            parsed.add(Target.Kind.COOKIES, name, PercentDecoder.decode(value, false).text());
        }
    }

    /** Query strings and form bodies; returns the number of arguments. */
    private static int parseUrlEncoded(String encoded, ParsedRequest parsed) {
        int count = 0;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            PercentDecoder.Result name = PercentDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            PercentDecoder.Result value = PercentDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), true);
            flagAnomalies(parsed, name.anomalies());
            flagAnomalies(parsed, value.anomalies());
            parsed.add(Target.Kind.ARGS_NAMES, name.text(), name.text());
            parsed.add(Target.Kind.ARGS, name.text(), value.text());
            count++;
        }
        return count;
    }

    private static int parseBody(WafRequest request, ParsedRequest parsed) {
        byte[] body = request.body();
        if (body.length == 0) {
            return 0;
        }
        String contentType = request.header("content-type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (isBinary(type)) {
            return 0;
        }
        flagAnomalies(parsed, PercentDecoder.checkUtf8(body, body.length));
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return parseUrlEncoded(text, parsed);
        }
        if (type.startsWith("application/json") || type.contains("+json")) {
            try {
                int[] count = {0};
                walkJson(JSON.readTree(body), null, parsed, count, 0);
                return count[0];
            } catch (JacksonException | IllegalStateException e) {
                parsed.flag("invalid_json");
            }
        }
        parsed.add(Target.Kind.BODY, null, text);
        return 0;
    }

    private static void walkJson(JsonNode node, String name, ParsedRequest parsed, int[] count, int depth) {
        if (depth > MAX_JSON_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_JSON_DEPTH);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                parsed.add(Target.Kind.ARGS_NAMES, field.getKey(), field.getKey());
                walkJson(field.getValue(), field.getKey(), parsed, count, depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walkJson(element, name, parsed, count, depth + 1);
            }
        } else if (node.isString()) {
            parsed.add(Target.Kind.ARGS, name, node.stringValue());
            count[0]++;
        } else {
            count[0]++;
        }
    }

    private static boolean isBinary(String type) {
        return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/")
                || type.startsWith("application/octet-stream") || type.startsWith("application/zip")
                || type.startsWith("application/gzip") || type.startsWith("application/pdf");
    }

    private static void flagAnomalies(ParsedRequest parsed, Set<PercentDecoder.Anomaly> anomalies) {
        for (PercentDecoder.Anomaly a : anomalies) {
            parsed.flag(a.name().toLowerCase(Locale.ROOT));
        }
    }
}
