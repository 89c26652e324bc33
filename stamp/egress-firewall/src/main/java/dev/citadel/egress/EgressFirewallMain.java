package dev.citadel.egress;

import dev.citadel.egress.config.ConfigException;
import dev.citadel.egress.config.EgressConfigLoader;
import dev.citadel.egress.config.EgressProperties;
import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -jar egress-firewall.jar --config egress.yaml}. Exit 2: usage or bad configuration; 1: failed start.
 * SIGTERM stops it gracefully (shutdown hook).
 */
public final class EgressFirewallMain {
    private EgressFirewallMain() {
    }

    /** Netty's own switches; tests leave them unset (the test suites run with paranoid leak detection). */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
    static final String ALLOCATOR_PROPERTY = "io.netty.allocator.type";

    public static void main(String[] args) throws Exception {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            // Default sampling records a stack trace for about one buffer in a hundred: per-message cost in every
            // tunnel, for a check the test suites already make on every buffer.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        if (System.getProperty(ALLOCATOR_PROPERTY) == null) {
            // As in the edge (global/edge-gateway README): the pooled allocator costs less CPU per relayed message
            // than Netty 4.2's adaptive default.
            System.setProperty(ALLOCATOR_PROPERTY, "pooled");
        }
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: egress-firewall --config FILE");
            System.exit(2);
        }
        // Registered before the listeners open: a SIGTERM that arrives while they do (a supervisor stopping a service
        // that is still starting) waits for start to finish, then closes what it opened.
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<EgressFirewallServer> running = new AtomicReference<>();
        Object lifecycle = new Object();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (lifecycle) {
                EgressFirewallServer started = running.get();
                if (started != null) {
                    started.close();
                }
            }
            stopped.countDown();
        }, "egress-shutdown"));
        try {
            EgressProperties props = EgressConfigLoader.load(Path.of(args[1]));
            synchronized (lifecycle) {
                running.set(new EgressFirewallServer(props).start());
            }
        } catch (ConfigException e) {
            System.err.println("bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println("egress firewall failed to start: " + e);
            System.exit(1);
            return;
        }
        stopped.await();
    }
}
