package dev.citadel.cli.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that build a plan's namespaces, as data (so tests read them without root). Every veth is created with
 * both ends already inside their namespaces and the ruleset lives in the router's namespace: deleting the namespaces
 * removes everything, so whatever a crashed {@code up} left, the next {@code down} cleans with one rule.
 */
public final class NetworkCommands {

    /** The zone end of each veth pair, inside the zone's namespace. */
    public static final String ZONE_INTERFACE = "eth0";

    private NetworkCommands() {}

    /** One command: argv, and what it reads on stdin (null for nothing). */
    public record Command(List<String> argv, String stdin) {

        public Command {
            argv = List.copyOf(argv);
        }

        static Command of(String... argv) {
            return new Command(List.of(argv), null);
        }
    }

    /**
     * The router (ruleset, then forwarding), then per zone its namespace, veth, addresses and default route; {@code ip}
     * and {@code nft} by name.
     */
    public static List<Command> create(NetworkPlan plan, String prefix) {
        String router = NetworkPlan.router(prefix);
        List<Command> commands = new ArrayList<>();
        commands.add(Command.of("ip", "netns", "add", router));
        commands.add(Command.of("ip", "-n", router, "link", "set", "lo", "up"));
        // The rules before forwarding is on: there is no moment at which the router forwards unfiltered.
        commands.add(new Command(List.of("ip", "netns", "exec", router, "nft", "-f", "-"), NftRuleset.render(plan)));
        // Per-namespace sysctls: forwarding on, and no rate limit on the ICMP rejects check network counts on.
        commands.add(Command.of("ip", "netns", "exec", router, "sh", "-c",
                "echo 1 > /proc/sys/net/ipv4/ip_forward && echo 0 > /proc/sys/net/ipv4/icmp_ratelimit"));
        for (int k = 0; k < plan.zones().size(); k++) {
            Zone zone = plan.zones().get(k);
            String ns = zone.namespace(prefix);
            String routerEnd = "z" + k;
            commands.add(Command.of("ip", "netns", "add", ns));
            commands.add(Command.of("ip", "-n", ns, "link", "set", "lo", "up"));
            commands.add(Command.of("ip", "link", "add", routerEnd, "netns", router, "type", "veth", "peer", "name",
                    ZONE_INTERFACE, "netns", ns));
            commands.add(Command.of("ip", "-n", router, "addr", "add", zone.gateway() + "/24", "dev", routerEnd));
            commands.add(Command.of("ip", "-n", router, "link", "set", routerEnd, "up"));
            for (String address : plan.addresses(zone)) {
                commands.add(Command.of("ip", "-n", ns, "addr", "add", address + "/24", "dev", ZONE_INTERFACE));
            }
            commands.add(Command.of("ip", "-n", ns, "link", "set", ZONE_INTERFACE, "up"));
            commands.add(Command.of("ip", "-n", ns, "route", "add", "default", "via", zone.gateway()));
        }
        return commands;
    }
}
