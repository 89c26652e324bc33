package dev.citadel.cli.network;

/**
 * The router's nftables ruleset (loaded with {@code nft -f}): default deny, replies of allowed connections, one accept
 * per designed flow, and an explicit reject of everything else. The reject (ICMP admin-prohibited) rather than a silent
 * drop lets a denied connection fail at once ({@code No route to host}) instead of after a timeout, which is what makes
 * {@code check network} take seconds — and the policy stays drop for whatever the reject does not cover.
 */
public final class NftRuleset {

    /** The table's name inside the router's namespace. */
    public static final String TABLE = "citadel";

    private NftRuleset() {}

    public static String render(NetworkPlan plan) {
        StringBuilder nft = new StringBuilder();
        // Deleting first makes loading idempotent: nft -f applies the file atomically, the flush included.
        nft.append("table ip ").append(TABLE).append(" {}\n");
        nft.append("delete table ip ").append(TABLE).append('\n');
        nft.append("table ip ").append(TABLE).append(" {\n");
        nft.append("  chain input {\n");
        nft.append("    type filter hook input priority filter; policy drop;\n");
        nft.append("    ct state established,related accept\n");
        nft.append("  }\n");
        nft.append("  chain forward {\n");
        nft.append("    type filter hook forward priority filter; policy drop;\n");
        nft.append("    ct state established,related accept\n");
        for (Flow flow : plan.flows()) {
            nft.append("    ip saddr ").append(flow.from().cidr());
            nft.append(" ip daddr ").append(flow.address() == null ? flow.to().cidr() : flow.address());
            nft.append(flow.port() == 0 ? " meta l4proto tcp" : " tcp dport " + flow.port());
            nft.append(" accept comment \"").append(flow.from().name()).append(" -> ").append(flow.to().name())
                    .append(": ").append(flow.why().replace("\"", "'")).append("\"\n");
        }
        nft.append("    reject with icmp type admin-prohibited\n");
        nft.append("  }\n");
        nft.append("}\n");
        return nft.toString();
    }
}
