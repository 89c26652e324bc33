import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The egress benchmark's two halves, JDK only (run with the source launcher, {@code java ConnectBench.java}):
 * <ul>
 *   <li>{@code upstream PORT KEYSTORE PASSWORD}: a TLS HTTP/1.1 server answering every request with a 2-byte body,
 *       keep-alive, one thread per connection;</li>
 *   <li>{@code load PROXY_PORT TARGET_HOST TARGET_PORT USER PASSWORD KEYSTORE KS_PASSWORD CONCURRENCY SECONDS MODE}:
 *       closed-loop clients through an HTTP proxy. MODE {@code new}: each request is CONNECT + TLS handshake + one
 *       GET on a fresh connection; {@code keepalive}: one tunnel per client, GETs back to back. Prints one line:
 *       requests/s and latency percentiles.</li>
 * </ul>
 * wrk and ab cannot CONNECT, hence this.
 */
public class ConnectBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("upstream")) {
            upstream(Integer.parseInt(args[1]), Path.of(args[2]), args[3].toCharArray());
        } else {
            load(args);
        }
    }

    static SSLContext tls(Path keystore, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    // ---- upstream ----
    static void upstream(int port, Path keystore, char[] password) throws Exception {
        SSLServerSocket server = (SSLServerSocket) tls(keystore, password).getServerSocketFactory()
                .createServerSocket(port, 1024, InetAddress.getByName("127.0.0.1"));
        ExecutorService pool = Executors.newCachedThreadPool();
        System.out.println("upstream listening on " + port);
        while (true) {
            Socket s = server.accept();
            pool.execute(() -> serve(s));
        }
    }

    static void serve(Socket s) {
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok"
                .getBytes(StandardCharsets.ISO_8859_1);
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (readHead(in) != null) {
                out.write(response);
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    /** Reads up to and including CRLFCRLF; null at end of stream. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            int n = b.length();
            if (n >= 4 && b.charAt(n - 4) == '\r' && b.charAt(n - 3) == '\n' && b.charAt(n - 2) == '\r'
                    && b.charAt(n - 1) == '\n') {
                return b.toString();
            }
        }
        return null;
    }

    // ---- load ----
    static void load(String[] a) throws Exception {
        int proxyPort = Integer.parseInt(a[1]);
        String host = a[2];
        int port = Integer.parseInt(a[3]);
        String auth = "Basic " + Base64.getEncoder().encodeToString((a[4] + ":" + a[5]).getBytes(StandardCharsets.UTF_8));
        SSLContext tls = tls(Path.of(a[6]), a[7].toCharArray());
        int concurrency = Integer.parseInt(a[8]);
        long seconds = Long.parseLong(a[9]);
        boolean keepAlive = a[10].equals("keepalive");
        byte[] connect = ("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nProxy-Authorization: " + auth + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] get = ("GET /item HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            results.add(pool.submit(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                int errors = 0;
                Socket tunnel = null;
                InputStream tin = null;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        if (tunnel == null) {
                            Socket raw = new Socket();
                            raw.setTcpNoDelay(true);
                            raw.connect(new InetSocketAddress("127.0.0.1", proxyPort), 5000);
                            raw.setSoTimeout(10_000);
                            raw.getOutputStream().write(connect);
                            String head = readHead(raw.getInputStream());
                            if (head == null || !head.startsWith("HTTP/1.1 200") && !head.startsWith("HTTP/1.0 200")) {
                                raw.close();
                                throw new IOException("CONNECT refused: " + head);
                            }
                            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
                            ssl.startHandshake();
                            tunnel = ssl;
                            tin = new BufferedInputStream(ssl.getInputStream());
                        }
                        tunnel.getOutputStream().write(get);
                        tunnel.getOutputStream().flush();
                        if (readHead(tin) == null || tin.readNBytes(2).length != 2) {
                            throw new IOException("short response");
                        }
                        if (!keepAlive) {
                            tunnel.close();
                            tunnel = null;
                        }
                    } catch (IOException e) {
                        errors++;
                        if (tunnel != null) {
                            try {
                                tunnel.close();
                            } catch (IOException ignored) {
                                // closing anyway
                            }
                        }
                        tunnel = null;
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= warmupEnd && n < lat.length) {
                        lat[n++] = t1 - t0;
                    }
                }
                if (tunnel != null) {
                    tunnel.close();
                }
                long[] out = Arrays.copyOf(lat, n + 1);
                out[n] = -errors - 1; // last slot carries the error count
                return out;
            }));
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get();
            errors += -r[r.length - 1] - 1;
            for (int i = 0; i < r.length - 1; i++) {
                all.add(r[i]);
            }
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        double rps = sorted.length / (double) seconds;
        System.out.printf("requests=%d errors=%d rps=%.0f p50=%.2fms p99=%.2fms max=%.2fms%n", sorted.length, errors,
                rps, pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
