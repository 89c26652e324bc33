package dev.citadel.cli.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A network partition between two addresses (the data centres' Cassandra nodes): an nftables table of its own that
 * drops every packet between them both ways, deleted on heal. On loopback addresses the packets pass the {@code output}
 * hook, so one rule pair in the host's namespace cuts them.
 */
final class PartitionFault implements Fault {

    static final String TABLE = "citadel_chaos";

    private final String a;
    private final String b;
    private final Duration hold;

    PartitionFault(String a, String b, Duration hold) {
        this.a = a;
        this.b = b;
        this.hold = hold;
    }

    /** The ruleset {@code nft -f -} loads: pure, so it is tested on the text. */
    static String ruleset(String a, String b) {
        return "table ip " + TABLE + " {\n"
                + "  chain output {\n"
                + "    type filter hook output priority 0; policy accept;\n"
                + "    ip saddr " + a + " ip daddr " + b + " drop\n"
                + "    ip saddr " + b + " ip daddr " + a + " drop\n"
                + "  }\n"
                + "}\n";
    }

    @Override
    public void inject() {
        nft(List.of("nft", "-f", "-"), ruleset(a, b));
    }

    @Override
    public Duration hold() {
        return hold;
    }

    @Override
    public void heal() {
        nft(List.of("nft", "delete", "table", "ip", TABLE), "");
    }

    /** Removes a partition a killed run left behind; quiet when there is none. */
    static void clearLeftover() {
        try {
            new ProcessBuilder("nft", "delete", "table", "ip", TABLE).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // No nft: nothing can be left over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void nft(List<String> argv, String input) {
        try {
            Process nft = new ProcessBuilder(argv).redirectErrorStream(true).start();
            nft.getOutputStream().write(input.getBytes());
            nft.getOutputStream().close();
            String output = new String(nft.getInputStream().readAllBytes()).strip();
            if (nft.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run nft (install nftables; partitions need root): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running nft", e);
        }
    }
}
