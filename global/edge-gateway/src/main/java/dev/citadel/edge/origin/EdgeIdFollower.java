package dev.citadel.edge.origin;

import dev.citadel.edge.config.ConfigException;
import dev.citadel.edge.config.EdgeIdFile;
import dev.citadel.edge.config.Secret;
import dev.citadel.edge.origin.OriginRegistry.OriginView;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@code edgeIdFile} of every origin that has one: when the file holds another id, requests and probes
 * to that origin send the new one from then on (the stamp accepts old and new while {@code citadel rotate edge-id}
 * switches). A file that cannot be used (missing, too open, empty, several lines) keeps the id sent now, with one
 * WARN line per distinct problem; the id itself never appears in a message.
 */
public final class EdgeIdFollower implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EdgeIdFollower.class);

    private final OriginRegistry registry;
    private final Map<String, String> lastProblem = new HashMap<>();

    public EdgeIdFollower(OriginRegistry registry) {
        this.registry = registry;
    }

    /** One pass over the files; run periodically on one thread. */
    @Override
    public void run() {
        for (OriginView v : registry.all()) {
            Path file = v.origin().edgeIdFile();
            if (file == null) {
                continue;
            }
            String name = v.origin().name();
            Secret read;
            try {
                read = Secret.of(EdgeIdFile.read(file, "originGroups[].origins[" + name + "].edgeIdFile"));
            } catch (ConfigException e) {
                if (!e.getMessage().equals(lastProblem.put(name, e.getMessage()))) {
                    log.warn("edge id of origin {} not reloaded, the previous one is still sent: {}", name,
                            e.getMessage());
                }
                continue;
            }
            lastProblem.remove(name);
            if (!read.equals(v.origin().edgeId())) {
                registry.setEdgeId(name, read);
                log.info("edge id of origin {} reloaded from {}", name, file);
            }
        }
    }
}
