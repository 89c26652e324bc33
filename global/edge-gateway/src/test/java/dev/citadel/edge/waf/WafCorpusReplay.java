package dev.citadel.edge.waf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Benchmark helper, not a test: replays the WAF corpora, byte for byte, against a live HTTPS proxy (the edge, or
 * nginx + ModSecurity + CRS) whose backend answers 200 to everything, and prints how many requests of each corpus
 * the proxy refused. Run by {@code bench/run.sh} with {@code WAF=1} so both WAFs are judged on the same bytes.
 * <pre>java -cp ... dev.citadel.edge.waf.WafCorpusReplay LABEL PORT</pre>
 */
public final class WafCorpusReplay {
    private static final String[] CORPORA = {"/waf/attacks.http", "/waf/attacks-heldout.http", "/waf/benign.http"};

    private WafCorpusReplay() {
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        int port = Integer.parseInt(args[1]);
        SSLContext tls = trustingLoopbackOnly();
        for (String corpus : CORPORA) {
            List<HttpCorpus.Case> cases = HttpCorpus.load(corpus);
            List<String> refused = new ArrayList<>();
            List<String> passed = new ArrayList<>();
            for (HttpCorpus.Case c : cases) {
                int status = send(tls, port, c.request());
                (isRefusal(status) ? refused : passed).add(c.id() + "=" + status);
            }
            boolean benign = corpus.contains("benign");
            System.out.printf("%-28s %-26s refused %3d/%3d = %5.1f %%  (%s)%n", label, corpus.substring(5),
                    refused.size(), cases.size(), 100.0 * refused.size() / cases.size(),
                    benign ? "false positives" : "detection");
            List<String> interesting = benign ? refused : passed;
            if (!interesting.isEmpty() && System.getenv("VERBOSE") != null) {
                System.out.println("    " + (benign ? "refused: " : "passed: ") + interesting);
            }
        }
    }

    /** Anything the proxy itself answered with a client error (403 WAF, 400 protocol, 413/414/431 sizes) or a drop. */
    static boolean isRefusal(int status) {
        return status < 0 || (status >= 400 && status < 500 && status != 404 && status != 429);
    }

    private static int send(SSLContext tls, int port, WafRequest r) throws IOException {
        StringBuilder head = new StringBuilder(r.method()).append(' ').append(r.uri()).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, String> h : r.headers()) {
            if (!h.getKey().equalsIgnoreCase("connection")) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket s = tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(r.body());
            out.flush();
            return statusOf(s.getInputStream());
        } catch (IOException e) {
            return -1; // connection refused or reset: the proxy would not take the request
        }
    }

    static int statusOf(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        String[] parts = line.toString(StandardCharsets.ISO_8859_1).split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : -1;
    }

    /** The bench's proxies use a throw-away CA on 127.0.0.1; this client never talks to anything else. */
    static SSLContext trustingLoopbackOnly() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return ctx;
    }
}
