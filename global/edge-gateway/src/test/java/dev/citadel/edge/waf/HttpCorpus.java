package dev.citadel.edge.waf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the request corpora under {@code src/test/resources/waf/*.http} (format described at the top of each
 * file): "=== id [!nohost]", a request line, headers, an empty line, the body up to the next "=== " line.
 */
final class HttpCorpus {

    record Case(String id, WafRequest request) { }

    private HttpCorpus() { }

    static List<Case> load(String resource) {
        try (InputStream in = HttpCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("corpus " + resource + " not on the test classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("=== ")) {
            i++;
        }
        while (i < lines.length) {
            String[] marker = lines[i].substring(4).trim().split("\\s+");
            boolean noHost = marker.length > 1 && marker[1].equals("!nohost");
            String[] requestLine = lines[++i].split(" ", 2);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (i++; i < lines.length && !lines[i].isEmpty() && !lines[i].startsWith("=== "); i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new SimpleEntry<>(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
            StringBuilder body = new StringBuilder();
            if (i < lines.length && lines[i].isEmpty()) {
                for (i++; i < lines.length && !lines[i].startsWith("=== "); i++) {
                    body.append(body.length() == 0 ? "" : "\n").append(lines[i]);
                }
            }
            String bodyText = body.toString().stripTrailing();
            cases.add(new Case(marker[0], build(requestLine, headers, bodyText, noHost)));
        }
        return cases;
    }

    private static WafRequest build(String[] requestLine, List<Map.Entry<String, String>> headers, String body,
                                    boolean noHost) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        if (!noHost && !has(all, "host")) {
            all.add(0, new SimpleEntry<>("Host", "shop.citadel.example"));
        }
        if (!has(all, "user-agent")) {
            all.add(new SimpleEntry<>("User-Agent",
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"));
        }
        if (!has(all, "accept")) {
            all.add(new SimpleEntry<>("Accept", "application/json, text/plain, */*"));
        }
        if (bytes.length > 0 && !has(all, "content-length") && !has(all, "transfer-encoding")) {
            all.add(new SimpleEntry<>("Content-Length", Integer.toString(bytes.length)));
        }
        return new WafRequest(requestLine[0], requestLine[1], all, "198.51.100.20", bytes, bytes.length);
    }

    private static boolean has(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }
}
