package dev.citadel.cli.network;

/**
 * One network zone of CITADEL.md section 1, as one network namespace joined to the router by one veth pair. Each zone
 * owns the /24 {@code 198.18.<subnet>.0}; the router is {@code .1} in every zone.
 *
 * @param name   short name, also the namespace's suffix: {@code internet}, {@code region1-app}
 * @param kind   what the zone holds
 * @param region the stamp's region, or empty for the global zones
 * @param subnet third octet of the zone's /24
 */
public record Zone(String name, Kind kind, String region, int subnet) {

    /** The zone kinds; a stamp has one app, one data and one egress zone. */
    public enum Kind { INTERNET, EDGE, MANAGEMENT, APP, DATA, EGRESS }

    /** The namespace this zone lives in: {@code <prefix>-<name>}. */
    public String namespace(String prefix) {
        return prefix + "-" + name;
    }

    /** An address of this zone: {@code 198.18.<subnet>.<host>}. */
    public String address(int host) {
        return NetworkPlan.NETWORK + subnet + "." + host;
    }

    /** The zone's /24. */
    public String cidr() {
        return address(0) + "/24";
    }

    /** The router's address in this zone, every member's default route. */
    public String gateway() {
        return address(NetworkPlan.ROUTER_HOST);
    }
}
