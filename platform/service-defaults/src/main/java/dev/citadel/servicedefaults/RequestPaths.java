package dev.citadel.servicedefaults;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is routed by: the container's decoded and normalised servlet path plus path info, never the
 * raw request URI (where {@code /actuator/../api} or {@code ;params} would tell a different story than the routing).
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    public static String routed(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        if (path.isEmpty()) {
            // Mock requests without servlet mapping; a real container always fills the servlet path for "/".
            path = request.getRequestURI().substring(request.getContextPath().length());
        }
        return path.isEmpty() ? "/" : path;
    }

    /** True for the base path itself and everything under it. */
    public static boolean isUnder(String path, String basePath) {
        return path.equals(basePath) || path.startsWith(basePath + "/");
    }
}
