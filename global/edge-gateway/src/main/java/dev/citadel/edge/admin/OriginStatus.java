package dev.citadel.edge.admin;

import dev.citadel.edge.origin.OriginHealth;
import dev.citadel.edge.origin.OriginRegistry.OriginView;
import java.util.LinkedHashMap;
import java.util.Map;

/** One origin as JSON: the operator's full view, and the public projection that leaves out internal addresses. */
final class OriginStatus {
    private OriginStatus() {
    }

    static Map<String, Object> forOperator(OriginView v, OriginHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.origin().name());
        m.put("group", v.group());
        m.put("stamp", v.origin().stamp());
        m.put("host", v.origin().host());
        m.put("port", v.origin().port());
        m.put("tlsServerName", v.origin().tlsServerName());
        m.put("probe", v.origin().probe().host() + ":" + v.origin().probe().port() + v.origin().probe().path());
        health(m, v, h);
        return m;
    }

    /** What an operations page may show to anyone: names and health, no host, port or certificate name. */
    static Map<String, Object> forPublic(OriginView v, OriginHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.origin().name());
        m.put("group", v.group());
        m.put("stamp", v.origin().stamp());
        health(m, v, h);
        return m;
    }

    private static void health(Map<String, Object> m, OriginView v, OriginHealth h) {
        m.put("priority", v.origin().priority());
        m.put("weight", v.weight());
        m.put("enabled", v.enabled());
        m.put("healthy", h.healthy());
        m.put("reason", h.lastReason());
        m.put("probeWindow", h.probeWindow());
        m.put("lastProbeMillis", h.lastProbeMillis());
        m.put("ejections", h.ejections());
    }
}
