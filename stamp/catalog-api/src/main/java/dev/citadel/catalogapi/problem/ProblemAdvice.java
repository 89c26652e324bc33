package dev.citadel.catalogapi.problem;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The ONE place that turns exceptions into RFC 9457 {@code application/problem+json}: the API's own outcomes
 * ({@link ApiProblemException}), Spring MVC's (via {@link ResponseEntityExceptionHandler}), any failure of Cassandra or
 * Kafka however wrapped ({@link DependencyFailures}: 503 with {@code Retry-After}) and anything unexpected (500,
 * logged here with its stack trace, never sent to the client). Filters route their rejections here too.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

    private final CatalogApiProperties properties;

    public ProblemAdvice(CatalogApiProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<Object> apiProblem(ApiProblemException e, HttpServletRequest request) {
        if (e instanceof DependencyUnavailableException d) {
            LOG.warn("dependency {} unavailable: {}", d.dependency(), String.valueOf(rootCause(e)));
        } else {
            LOG.debug("request rejected: {} {}", e.type(), e.getMessage());
        }
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof UnauthorizedException) {
            // RFC 9110 §15.5.2: a 401 names the scheme the client should use.
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-KEY\"");
        }
        return respond(Problems.of(e, request), headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        String dependency = DependencyFailures.dependencyOf(e);
        if (dependency != null) {
            // A dependency's failure that no port translated (a wrapper, a driver error classed fatal for the
            // processor): still the stamp's dependency, so 503 and never 500.
            return apiProblem(new DependencyUnavailableException(dependency, e), request);
        }
        LOG.error("unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(ProblemType.INTERNAL_ERROR, 500, "An unexpected error occurred", request),
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        PayloadTooLargeException tooLarge = find(ex, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return respond(Problems.of(tooLarge, servletRequest), headers);
        }
        return respond(Problems.of(ProblemType.MALFORMED_REQUEST, 400, readableDetail(ex), servletRequest), headers);
    }

    /** Every framework-produced error funnels through here: give it our type, title and correlation id. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        ProblemType type = typeOf(ex, statusCode.value());
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : type.title();
        LOG.debug("request rejected by framework: {} {}", statusCode.value(), ex.getClass().getSimpleName());
        return respond(Problems.of(type, statusCode.value(), detail, servletRequest), headers);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        out.putAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == 503) {
            out.set(HttpHeaders.RETRY_AFTER, Integer.toString(properties.limits().retryAfterSeconds()));
        }
        return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
    }

    private static ProblemType typeOf(Exception ex, int status) {
        if (ex instanceof TypeMismatchException || ex instanceof MissingServletRequestParameterException
                || ex instanceof HandlerMethodValidationException) {
            return ProblemType.INVALID_PARAMETER;
        }
        return ProblemType.forStatus(status);
    }

    /** Says what is wrong with the body without echoing parser internals or class names. */
    private static String readableDetail(HttpMessageNotReadableException ex) {
        UnrecognizedPropertyException unknown = find(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return "Unknown field '" + unknown.getPropertyName() + "'";
        }
        JacksonException jackson = find(ex, JacksonException.class);
        if (jackson != null && !jackson.getPath().isEmpty()) {
            String path = jackson.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "Invalid value for field '" + path + "'";
        }
        return "The request body is not valid JSON";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    }
}
