package dev.citadel.cli.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy semantics of the Kubernetes API, for TCP, evaluated on parsed policies: a connection passes when
 * the destination's ingress and the source's egress both allow it (a pod no policy selects for a direction is open in
 * that direction). Endpoints outside the cluster match only {@code ipBlock} peers; pods only selector peers.
 */
final class PolicyModel {

    /** A pod (namespace, labels, named container ports) or, with {@code ip} set, an address outside the cluster. */
    record Endpoint(String namespace, Map<String, String> labels, Map<String, Integer> namedPorts, String ip) {
        static Endpoint external(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), ip);
        }

        static Endpoint pod(String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
            return new Endpoint(namespace, labels, namedPorts, null);
        }

        boolean external() {
            return ip != null;
        }
    }

    private final List<NetworkPolicy> policies;

    PolicyModel(List<NetworkPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    boolean allows(Endpoint source, Endpoint destination, int port) {
        return ingress(source, destination, port) && egress(source, destination, port);
    }

    private boolean ingress(Endpoint source, Endpoint destination, int port) {
        if (destination.external()) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(destination, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy p : selecting) {
            for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                if (ports(rule.getPorts(), destination, port) && peers(rule.getFrom(), p, source)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean egress(Endpoint source, Endpoint destination, int port) {
        if (source.external()) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(source, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy p : selecting) {
            for (NetworkPolicyEgressRule rule : p.getSpec().getEgress()) {
                if (ports(rule.getPorts(), destination, port) && peers(rule.getTo(), p, destination)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<NetworkPolicy> selecting(Endpoint pod, String type) {
        return policies.stream()
                .filter(p -> p.getMetadata().getNamespace().equals(pod.namespace()))
                .filter(p -> p.getSpec().getPolicyTypes().contains(type))
                .filter(p -> matches(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    private static boolean ports(List<NetworkPolicyPort> ports, Endpoint destination, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!protocol.equals("TCP")) {
                continue;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            Integer number = value.getIntVal() != null ? value.getIntVal() : destination.namedPorts().get(value.getStrVal());
            if (number != null && (number == port
                    || (p.getEndPort() != null && port >= number && port <= p.getEndPort()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, NetworkPolicy policy, Endpoint other) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                if (other.external() && inBlock(peer.getIpBlock(), other.ip())) {
                    return true;
                }
                continue;
            }
            if (other.external()) {
                continue;
            }
            boolean namespace = peer.getNamespaceSelector() == null
                    ? other.namespace().equals(policy.getMetadata().getNamespace())
                    : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", other.namespace()));
            boolean pod = peer.getPodSelector() == null || matches(peer.getPodSelector(), other.labels());
            if (namespace && pod) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && r.getValues().contains(v);
                    case "NotIn" -> v == null || !r.getValues().contains(v);
                    case "Exists" -> v != null;
                    case "DoesNotExist" -> v == null;
                    default -> throw new AssertionError("unknown operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean inBlock(IPBlock block, String ip) {
        if (!inCidr(block.getCidr(), ip)) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(c -> inCidr(c, ip));
    }

    static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (v4(parts[0]) & mask) == (v4(ip) & mask);
    }

    private static long v4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
