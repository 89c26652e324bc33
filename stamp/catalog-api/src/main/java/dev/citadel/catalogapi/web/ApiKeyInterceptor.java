package dev.citadel.catalogapi.web;

import dev.citadel.platform.pki.Secret;
import dev.citadel.catalogapi.problem.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks {@code X-API-KEY} on handlers marked {@link RequiresApiKey}. Every configured key is compared, each in constant
 * time, and the loop never stops early, so timing reveals neither a key nor which key matched. Several keys may be valid
 * at once so they can be rotated without downtime, and {@link ApiKeys} follows the keys file without a restart.
 */
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-API-KEY";

    private final ApiKeys keys;

    ApiKeyInterceptor(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(RequiresApiKey.class)
                && !valid(request.getHeader(HEADER))) {
            throw new UnauthorizedException();
        }
        return true;
    }

    boolean valid(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        boolean match = false;
        for (Secret key : keys.current()) {
            match |= key.matches(candidate);
        }
        return match;
    }
}
