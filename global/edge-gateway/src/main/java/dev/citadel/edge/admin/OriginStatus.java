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
        // Which edge id is sent now, without sending it: a rotation compares this with the id it wrote.
        m.put("edgeIdFingerprint", fingerprint(v.origin().edgeId()));
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

    /** The first 12 hex digits of the id's SHA-256 ({@code citadel rotate edge-id} computes the same). */
    static String fingerprint(dev.citadel.edge.config.Secret id) {
        if (id == null) {
            return null;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
