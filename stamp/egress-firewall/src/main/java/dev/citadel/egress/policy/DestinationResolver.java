package dev.citadel.egress.policy;

import dev.citadel.egress.config.EgressProperties.Resolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Name to addresses: the static {@code resolver.hosts} map first, then the system resolver. The system resolver
 * blocks, so it runs on a small pool of its own and the result is handed back to the asking event loop; event loops
 * never wait on DNS. The caller connects to an address from this result and never resolves again, which closes the
 * DNS-rebinding window between check and connect.
 */
public final class DestinationResolver implements AutoCloseable {
    /** Thrown (as the future's cause) when a name has no address. */
    public static final class UnresolvedException extends Exception {
        UnresolvedException(String name) {
            super("no address for " + name, null, false, false);
        }
    }

    private final Map<String, List<InetAddress>> hosts;
    private final ExecutorService pool;

    public DestinationResolver(Resolver config, int threads) {
        Map<String, List<InetAddress>> parsed = new java.util.HashMap<>();
        config.hosts().forEach((name, addresses) -> {
            List<InetAddress> list = new ArrayList<>();
            addresses.forEach(a -> list.add(((HostLiteral.IpLiteral) HostLiteral.parse(a)).address()));
            parsed.put(name, List.copyOf(list));
        });
        this.hosts = Map.copyOf(parsed);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "egress-resolver-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Future<List<InetAddress>> resolve(HostLiteral.Fqdn host, EventExecutor loop) {
        Promise<List<InetAddress>> promise = loop.newPromise();
        List<InetAddress> fixed = hosts.get(host.name());
        if (fixed != null) {
            return promise.setSuccess(fixed);
        }
        try {
            pool.execute(() -> {
                try {
                    promise.trySuccess(List.of(InetAddress.getAllByName(host.name())));
                } catch (UnknownHostException e) {
                    promise.tryFailure(new UnresolvedException(host.name()));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(new UnresolvedException(host.name()));
        }
        return promise;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
