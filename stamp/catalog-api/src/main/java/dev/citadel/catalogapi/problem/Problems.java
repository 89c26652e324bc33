package dev.citadel.catalogapi.problem;

import dev.citadel.servicedefaults.trace.CorrelationFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds the one problem body shape every error path (advice, /error controller, container valve) answers with. */
public final class Problems {

    public static final String CORRELATION_ID = dev.citadel.servicedefaults.problem.Problems.CORRELATION_ID;

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, int status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setDetail(detail);
        if (request != null) {
            problem.setInstance(java.net.URI.create(safePath(request.getRequestURI())));
            problem.setProperty(CORRELATION_ID, CorrelationFilter.traceOf(request).traceId());
        }
        return problem;
    }

    public static ProblemDetail of(ApiProblemException e, HttpServletRequest request) {
        ProblemDetail problem = of(e.type(), e.type().status().value(), e.getMessage(), request);
        for (Map.Entry<String, Object> p : e.properties().entrySet()) {
            problem.setProperty(p.getKey(), p.getValue());
        }
        return problem;
    }

    /** Request paths are client input: the one sanitiser of service-defaults. */
    static String safePath(String path) {
        return dev.citadel.servicedefaults.problem.Problems.safePath(path);
    }
}
