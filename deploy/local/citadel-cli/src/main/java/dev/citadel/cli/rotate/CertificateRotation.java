package dev.citadel.cli.rotate;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Replaces the server certificates of running services without a restart and without a refused handshake: each
 * service gets a new key and certificate from the same CA (so every client keeps trusting it), its server reloads
 * the files on its own, and the rotation waits until every listener of every service presents its new certificate.
 * Connections opened before keep the old one until they close; nothing else has to change, so there is no old value
 * to revoke: the previous certificate simply stops being presented.
 */
public final class CertificateRotation {

    /** How long a service may take to present its new certificate (it reloads ~1 s after the files settle). */
    public static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 200;

    /** One service whose certificate is replaced, and the listeners that must present the new one. */
    public record Target(String component, Supplier<X509Certificate> reissue, List<InetSocketAddress> listeners) {}

    /** The serial a listener presents in a fresh handshake, or null when it cannot be asked right now. */
    public interface Probe {
        BigInteger presentedSerial(InetSocketAddress listener);
    }

    private final List<Target> targets;
    private final Probe probe;
    private final Duration followTimeout;
    private final PrintWriter out;

    public CertificateRotation(List<Target> targets, Probe probe, Duration followTimeout, PrintWriter out) {
        this.targets = List.copyOf(targets);
        this.probe = probe;
        this.followTimeout = followTimeout;
        this.out = out;
    }

    /** @return per component, the time from its new files until all its listeners presented the new certificate */
    public Map<String, Duration> run() throws InterruptedException {
        long started = System.nanoTime();
        Map<String, BigInteger> expected = new LinkedHashMap<>();
        Map<String, Long> issuedAt = new LinkedHashMap<>();
        for (Target target : targets) {
            X509Certificate certificate = target.reissue().get();
            expected.put(target.component(), certificate.getSerialNumber());
            issuedAt.put(target.component(), System.nanoTime());
            out.printf("%s: new certificate %s issued, valid until %s%n", target.component(),
                    certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
        }
        out.flush();
        Map<String, Duration> followed = new LinkedHashMap<>();
        long deadline = System.nanoTime() + followTimeout.toNanos();
        List<Target> waiting = new ArrayList<>(targets);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Target target = it.next();
                BigInteger want = expected.get(target.component());
                if (target.listeners().stream().allMatch(l -> want.equals(probe.presentedSerial(l)))) {
                    Duration took = Duration.ofNanos(System.nanoTime() - issuedAt.get(target.component()));
                    followed.put(target.component(), took);
                    out.printf("%s presents it on %d listener(s) after %d ms%n", target.component(),
                            target.listeners().size(), took.toMillis());
                    out.flush();
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new ApiKeyRotation.Incomplete("still presenting the previous certificate after "
                        + followTimeout.toSeconds() + " s: " + waiting.stream().map(Target::component).toList()
                        + "; the new files are in place (clients trust both), so a restart of those services, or"
                        + " running the rotation again, completes it");
            }
            Thread.sleep(POLL_MILLIS);
        }
        out.printf("rotation complete: %d component(s) in %d ms%n", targets.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        out.flush();
        return followed;
    }
}
