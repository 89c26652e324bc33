package dev.citadel.webui.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every exception raised inside Spring MVC (unknown path, unknown asset, wrong method, anything unexpected)
 * with a problem body that the edge must not cache; {@link ProblemErrorController} does the same for errors raised
 * by the container. Spring's own exceptions carry their status and headers (e.g. {@code Allow} on a 405).
 */
@RestControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handle(Exception e, HttpServletRequest request) {
        int status = 500;
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof ErrorResponse known) {
            status = known.getStatusCode().value();
            headers.putAll(known.getHeaders());
        } else {
            log.error("Unexpected failure serving {}", Problems.safePath(request.getRequestURI()), e);
        }
        ProblemType type = ProblemType.forStatus(status);
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(Problems.of(type, status, type.title(), request.getRequestURI()));
    }
}
