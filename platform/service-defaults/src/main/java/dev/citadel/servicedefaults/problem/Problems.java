package dev.citadel.servicedefaults.problem;

import dev.citadel.servicedefaults.trace.CorrelationFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the one RFC 9457 body shape every stamp service answers with: a stable {@code type} URI, a title, the
 * sanitised request path as {@code instance} and the request's {@code correlationId} (its W3C trace id).
 */
public final class Problems {

    public static final String BASE = "https://citadel.dev/problems/";
    public static final String CORRELATION_ID = "correlationId";

    private Problems() {
    }

    public static ProblemDetail of(String slug, String title, int status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(title);
        problem.setDetail(detail);
        if (request != null) {
            problem.setInstance(URI.create(safePath(request.getRequestURI())));
            problem.setProperty(CORRELATION_ID, CorrelationFilter.traceOf(request).traceId());
        }
        return problem;
    }

    /** A problem for a bare status (framework and container errors), typed by {@link #slugFor}. */
    public static ProblemDetail forStatus(int status, HttpServletRequest request) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "HTTP error" : known.getReasonPhrase();
        return of(slugFor(status), title, status, title, request);
    }

    /** The type slug of a bare status; the same slugs catalog-api uses for the same conditions. */
    public static String slugFor(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "dependency-unavailable";
            default -> status >= 500 ? "internal-error" : "http-error";
        };
    }

    /** Request paths are client input: keep only characters that cannot break the URI or be an injection vector. */
    public static String safePath(String path) {
        if (path == null) {
            return "/";
        }
        String cleaned = path.replaceAll("[^A-Za-z0-9/._~-]", "_");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
