package dev.citadel.catalogapi.problem;

import dev.citadel.catalogapi.config.CatalogApiProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error endpoint: errors raised outside Spring MVC (a filter, the container's
 * {@code sendError}) are dispatched to {@code /error} and answered here with the same problem shape, never HTML.
 */
@Hidden // not an API operation
@RestController
class ProblemErrorController implements ErrorController {

    private final CatalogApiProperties properties;

    ProblemErrorController(CatalogApiProperties properties) {
        this.properties = properties;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        ProblemType type = ProblemType.forStatus(status);
        ProblemDetail problem = Problems.of(type, status, type.title(), request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s) {
            problem.setInstance(java.net.URI.create(Problems.safePath(s)));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == 503) {
            headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(properties.limits().retryAfterSeconds()));
        }
        return ResponseEntity.status(status).headers(headers).body(problem);
    }
}
