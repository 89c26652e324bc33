package dev.citadel.egress;

import dev.citadel.egress.config.ConfigException;
import dev.citadel.egress.config.EgressConfigLoader;
import dev.citadel.egress.config.EgressProperties;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar egress-firewall.jar --config egress.yaml}. Exit 2: usage or bad configuration; 1: failed start.
 * SIGTERM stops it gracefully (shutdown hook).
 */
public final class EgressFirewallMain {
    private EgressFirewallMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: egress-firewall --config FILE");
            System.exit(2);
        }
        EgressFirewallServer server;
        try {
            EgressProperties props = EgressConfigLoader.load(Path.of(args[1]));
            server = new EgressFirewallServer(props).start();
        } catch (ConfigException e) {
            System.err.println("bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("egress firewall failed to start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "egress-shutdown"));
        stopped.await();
    }
}
