package dev.citadel.catalogapi.web;

import dev.citadel.catalogapi.problem.UnsupportedApiVersionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Refuses (400) a request whose {@code {version}} path segment is not {@link ApiVersion#SUPPORTED}, before any work. */
class ApiVersionInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (vars instanceof Map<?, ?> map && map.containsKey("version")
                && !ApiVersion.SUPPORTED.equals(map.get("version"))) {
            throw new UnsupportedApiVersionException(ApiVersion.SUPPORTED);
        }
        return true;
    }
}
