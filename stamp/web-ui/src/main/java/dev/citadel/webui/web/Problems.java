package dev.citadel.webui.web;

import java.net.URI;
import org.springframework.http.ProblemDetail;

/** Builds the one RFC 9457 body shape of every error web-ui answers. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail of(ProblemType type, int status, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setDetail(detail);
        problem.setInstance(URI.create(safePath(path)));
        return problem;
    }

    /** Request paths are client input: keep only characters that cannot break the URI or be an injection vector. */
    static String safePath(String path) {
        if (path == null) {
            return "/";
        }
        String cleaned = path.replaceAll("[^A-Za-z0-9/._~-]", "_");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
