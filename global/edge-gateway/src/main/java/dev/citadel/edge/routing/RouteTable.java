package dev.citadel.edge.routing;

import dev.citadel.edge.config.EdgeProperties.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a request path to an origin group, most specific pattern first: an exact path beats any wildcard, and a
 * longer {@code /prefix/*} beats a shorter one, so {@code /*} is the catch-all (Front Door's rule ordering).
 */
public final class RouteTable {
    private final Map<String, Route> exact = new HashMap<>();
    private final List<Route> wildcards = new ArrayList<>();

    public RouteTable(List<Route> routes) {
        for (Route r : routes) {
            if (r.pattern().endsWith("*")) {
                wildcards.add(r);
            } else {
                exact.putIfAbsent(r.pattern(), r);
            }
        }
        wildcards.sort(Comparator.comparingInt((Route r) -> r.pattern().length()).reversed());
    }

    /** @param path the decoded-free raw path (no query string). */
    public Optional<Route> match(String path) {
        Route hit = exact.get(path);
        if (hit != null) {
            return Optional.of(hit);
        }
        for (Route r : wildcards) {
            String prefix = r.pattern().substring(0, r.pattern().length() - 1); // "/api/"
            if (path.startsWith(prefix) || path.equals(prefix.substring(0, Math.max(1, prefix.length() - 1)))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The path part of a request-target, without query or fragment. */
    public static String pathOf(String uri) {
        int end = uri.length();
        int q = uri.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = uri.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        return uri.substring(0, end);
    }
}
