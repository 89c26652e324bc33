package dev.citadel.cli.rotate;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the edge connects to the stamps with a given client certificate: it logs every reload of a TLS context
 * with the serial it now presents ({@code TLS origin-client: reloaded from ... (now presenting CN=edge serial 1f..}),
 * and the next connection to an origin uses that context (platform/netty-tls, {@code ReloadingSslContext}).
 */
public final class EdgeLogCheck implements CaRotation.InUse {

    private final Path log;
    private final String context;

    /** @param context the context's name in the edge's log: {@code origin-client} */
    public EdgeLogCheck(Path log, String context) {
        this.log = log;
        this.context = context;
    }

    @Override
    public boolean uses(BigInteger serial) {
        String reloaded = "TLS " + context + ": reloaded";
        String presenting = " serial " + serial.toString(16) + " ";
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.stream().anyMatch(line -> line.contains(reloaded) && line.contains(presenting));
        } catch (IOException e) {
            return false;
        }
    }
}
