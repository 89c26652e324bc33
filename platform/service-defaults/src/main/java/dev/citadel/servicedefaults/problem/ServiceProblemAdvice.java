package dev.citadel.servicedefaults.problem;

import dev.citadel.servicedefaults.trace.CorrelationFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The default problem+json advice of a stamp service that has no {@link ResponseEntityExceptionHandler} of its own:
 * Spring MVC's exceptions keep their status and headers (e.g. {@code Allow} on a 405) and get a Citadel type and a
 * correlation id; anything unexpected is a 500, logged here with its stack trace and never sent to the client.
 */
@RestControllerAdvice
public class ServiceProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProblemAdvice.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        LOG.error("unexpected error serving {} {}", request.getMethod(), Problems.safePath(request.getRequestURI()), e);
        return respond(Problems.of("internal-error", "Internal error", 500, "An unexpected error occurred", request),
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        ProblemDetail typed = Problems.forStatus(status.value(), servlet);
        problem.setType(typed.getType());
        if (problem.getTitle() == null) {
            problem.setTitle(typed.getTitle());
        }
        problem.setInstance(typed.getInstance() == null ? URI.create("/") : typed.getInstance());
        problem.setProperty(Problems.CORRELATION_ID, CorrelationFilter.traceOf(servlet).traceId());
        return respond(problem, headers);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        out.putAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        out.setCacheControl(CacheControl.noStore());
        return ResponseEntity.status(problem.getStatus()).headers(out).body(problem);
    }
}
