package dev.citadel.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How long an accepted comment takes to become readable in every stamp (CITADEL.md section 8: 1 s), as a client on the
 * internet side sees it: {@code POST} a comment through the edge (202 + {@code Location}), then {@code GET} that
 * location through the edge every {@code pollMillis} until each region has answered 200 ({@code X-Server-Location}
 * names the stamp that answered; the edge spreads reads over the healthy stamps). The time to a region is from the
 * 202 to the first 200 that region gave, so it is at most one poll late per stamp the edge did not pick.
 * <p>
 * A benchmark, not a test: it prints the figures and judges nothing but its own inputs. Plain JDK (the source
 * launcher runs it without a build): {@code visibility.sh} passes the edge, the run's CA and the sample count.
 */
public final class WriteVisibility {

    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    private WriteVisibility() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: WriteVisibility EDGE_URL CA_PEM SAMPLES [POLL_MILLIS]");
            System.exit(2);
        }
        URI edge = URI.create(args[0]);
        HttpClient http = HttpClient.newBuilder().sslContext(trusting(Path.of(args[1])))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        int samples = Integer.parseInt(args[2]);
        long pollMillis = args.length > 3 ? Long.parseLong(args[3]) : 20;

        String item = firstItem(http, edge);
        Set<String> regions = regions(http, edge);
        Map<String, List<Long>> millisByRegion = new TreeMap<>();
        int unseen = 0;
        comment(http, edge, item); // the first write after a start pays for cold paths: not a sample
        for (int i = 0; i < samples; i++) {
            Map<String, Long> sample = sample(http, edge, item, regions, pollMillis);
            if (sample == null) {
                unseen++;
                continue;
            }
            sample.forEach((region, ms) -> millisByRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(ms));
        }
        System.out.printf("write visibility through %s to %s: %d comments, poll every %d ms, target 1000 ms%n", edge,
                regions, samples, pollMillis);
        System.out.printf("%-12s %6s %8s %8s %8s %8s %10s%n", "region", "n", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "<= 1000 ms");
        millisByRegion.forEach((region, millis) -> {
            Collections.sort(millis);
            long within = millis.stream().filter(ms -> ms <= 1000).count();
            System.out.printf("%-12s %6d %8d %8d %8d %8d %9.1f%%%n", region, millis.size(), percentile(millis, 50),
                    percentile(millis, 90), percentile(millis, 99), millis.get(millis.size() - 1),
                    100.0 * within / millis.size());
        });
        if (unseen > 0) {
            System.out.printf("%d of %d comments were not readable in every region within %d s%n", unseen, samples,
                    GIVE_UP.toSeconds());
        }
    }

    /** Milliseconds from the 202 to the first 200 of each region, or null if some region never answered 200. */
    private static Map<String, Long> sample(HttpClient http, URI edge, String item, Set<String> regions,
                                            long pollMillis) throws Exception {
        HttpResponse<String> accepted = comment(http, edge, item);
        long acceptedAt = System.nanoTime();
        URI location = edge.resolve(accepted.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("202 without Location")));
        Map<String, Long> firstSeen = new LinkedHashMap<>();
        while (System.nanoTime() - acceptedAt < GIVE_UP.toNanos()) {
            HttpResponse<Void> read = http.send(get(location), HttpResponse.BodyHandlers.discarding());
            String region = read.headers().firstValue("X-Server-Location").orElse("?");
            if (read.statusCode() == 200) {
                firstSeen.putIfAbsent(region, (System.nanoTime() - acceptedAt) / 1_000_000);
                if (firstSeen.keySet().containsAll(regions)) {
                    return firstSeen;
                }
            }
            Thread.sleep(pollMillis);
        }
        return null;
    }

    /** The stamps the edge spreads reads over: every {@code X-Server-Location} of 40 reads. */
    private static Set<String> regions(HttpClient http, URI edge) throws Exception {
        Set<String> regions = new TreeSet<>();
        for (int i = 0; i < 40; i++) {
            http.send(get(edge.resolve("/api/1.0/catalogitem?limit=1")), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("X-Server-Location").ifPresent(regions::add);
        }
        if (regions.isEmpty()) {
            throw new IllegalStateException("no read through the edge named the stamp that answered");
        }
        return regions;
    }

    private static HttpResponse<String> comment(HttpClient http, URI edge, String item) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(edge.resolve("/api/1.0/catalogitem/" + item + "/comments"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .header("X-TEST-DATA", "true")
                .POST(HttpRequest.BodyPublishers.ofString("{\"authorName\":\"Benchmark\",\"text\":\"Visible yet?\"}"))
                .build();
        HttpResponse<String> accepted = http.send(post, HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("comment not accepted: " + accepted.statusCode() + " " + accepted.body());
        }
        return accepted;
    }

    private static String firstItem(HttpClient http, URI edge) throws Exception {
        String list = http.send(get(edge.resolve("/api/1.0/catalogitem?limit=1")), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher id = FIRST_ID.matcher(list);
        if (!id.find()) {
            throw new IllegalStateException("the catalog is empty: nothing to comment on");
        }
        return id.group(1);
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static SSLContext trusting(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("citadel-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
