package dev.citadel.catalogapi.image;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import dev.citadel.catalogapi.image.EgressCalls.Reason;
import dev.citadel.catalogapi.problem.ImageFetchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fetches item images through the stamp's egress proxy (CITADEL.md §3 flow 4, §6 egress). Bounded in every dimension:
 * connect timeout, one deadline for headers and body together (a watchdog closes the stream when it passes), and a
 * byte cap enforced while streaming (the download is aborted the moment it passes the cap, never buffered whole).
 * Only {@code image/*} answers are accepted, SVG excepted (it can carry script and would be served from the API's
 * origin). Every call is counted in {@link EgressCalls} (success, or failure with its reason) for the health model.
 */
@Component
public class HttpImageFetcher implements ImageFetcher, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(HttpImageFetcher.class);
    /** The JDK property listing auth schemes refused for proxy tunnels (Basic by default); main() clears it. */
    public static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    private final HttpClient client;
    private final Duration deadline;
    private final long maxBytes;
    private final EgressCalls calls;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "image-fetch-watchdog");
        t.setDaemon(true);
        return t;
    });

    public HttpImageFetcher(CatalogApiProperties properties, MeterRegistry meters) {
        CatalogApiProperties.Images images = properties.images();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(images.connectTimeout())
                // Every hop goes through the proxy again, so the egress firewall judges each redirect target.
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(images.proxied()
                        ? ProxySelector.of(new InetSocketAddress(images.proxyHost(), images.proxyPort()))
                        : HttpClient.Builder.NO_PROXY);
        if (images.proxied() && !CatalogApiProperties.isEmpty(images.proxyPassword())) {
            builder.authenticator(new ProxyCredentials(images.proxyUsername(), images.proxyPassword()));
        }
        this.client = builder.build();
        this.deadline = images.readTimeout();
        this.maxBytes = images.maxBytes().toBytes();
        this.calls = new EgressCalls(meters);
    }

    @Override
    public FetchedImage fetch(URI url, Duration budget) {
        // The request's deadline may leave less than the configured bound: the shorter one applies.
        FetchedImage image = fetchOnce(url, budget.compareTo(deadline) < 0 ? budget : deadline);
        calls.success();
        return image;
    }

    /** Each failure path throws through {@link #failure}, which counts it exactly once. */
    private FetchedImage fetchOnce(URI url, Duration deadline) {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(deadline).header("Accept", "image/*").GET().build();
        HttpResponse<InputStream> response = awaitHeaders(url, client.sendAsync(request,
                HttpResponse.BodyHandlers.ofInputStream()), deadline);
        try (InputStream body = response.body()) {
            String contentType = contentType(response.headers().firstValue("Content-Type").orElse(""));
            Optional<ProxyVerdict> proxied = ProxyVerdict.of(response.headers().firstValue(ProxyVerdict.HEADER));
            if (proxied.isPresent()) {
                throw proxyFailure(proxied.get());
            }
            if (response.statusCode() != 200) {
                throw failure(Reason.HTTP_STATUS, "The image URL answered HTTP " + response.statusCode(), null);
            }
            if (!isAcceptedImageType(contentType)) {
                throw failure(Reason.NOT_AN_IMAGE, "The image URL did not return an image (image/*) content type",
                        null);
            }
            if (response.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                throw tooLarge();
            }
            long left = deadline.toNanos() - (System.nanoTime() - start);
            return new FetchedImage(contentType, readCapped(body, left, deadline));
        } catch (IOException e) {
            throw failure(Reason.IO, "The image URL could not be fetched", e);
        }
    }

    private HttpResponse<InputStream> awaitHeaders(URI url, CompletableFuture<HttpResponse<InputStream>> pending,
            Duration deadline) {
        try {
            return pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw slow(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Reason.INTERRUPTED, "The image fetch was interrupted", null);
        } catch (ExecutionException e) {
            LOG.info("image fetch from host {} failed: {}", url.getHost(), String.valueOf(e.getCause()));
            if (e.getCause() instanceof HttpTimeoutException) {
                throw slow(deadline);
            }
            Optional<ProxyVerdict> tunnel = ProxyVerdict.ofTunnelFailure(e.getCause());
            if (tunnel.isPresent()) {
                throw proxyFailure(tunnel.get());
            }
            throw failure(Reason.UNREACHABLE, "The image URL could not be fetched", e.getCause());
        }
    }

    /** Reads at most {@code maxBytes}; a watchdog closes the stream at the deadline so a trickling server cannot hang us. */
    private byte[] readCapped(InputStream body, long nanosLeft, Duration deadline) throws IOException {
        if (nanosLeft <= 0) {
            throw slow(deadline);
        }
        ScheduledFuture<?> guard = watchdog.schedule(() -> closeQuietly(body), nanosLeft, TimeUnit.NANOSECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (out.size() + (long) n > maxBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (guard.isDone()) {
                throw slow(deadline);
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
        return out.toByteArray();
    }

    /** The egress firewall answered for itself: a policy refusal, or its own failure to reach the destination. */
    private ImageFetchException proxyFailure(ProxyVerdict verdict) {
        return verdict.refused()
                ? failure(Reason.REFUSED, "The egress firewall does not allow this image URL's destination", null)
                : failure(Reason.UNREACHABLE, "The image URL could not be reached", null);
    }

    private ImageFetchException tooLarge() {
        return failure(Reason.TOO_LARGE, "The image is larger than " + maxBytes + " bytes", null);
    }

    private ImageFetchException slow(Duration deadline) {
        return failure(Reason.TIMEOUT, "The image did not download within " + deadline.toMillis() + " ms", null);
    }

    /** Counts the failure and builds the 422 the caller throws; the one place failures are created. */
    private ImageFetchException failure(Reason reason, String detail, Throwable cause) {
        calls.failure(reason);
        return cause == null ? new ImageFetchException(detail) : new ImageFetchException(detail, cause);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only to unblock the reader
        }
    }

    static boolean isAcceptedImageType(String contentType) {
        String type = contentType(contentType);
        return type.startsWith("image/") && type.length() > "image/".length() && !type.startsWith("image/svg");
    }

    /** The media type without parameters, lower case. */
    static String contentType(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon >= 0 ? header.substring(0, semicolon) : header).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }
}
