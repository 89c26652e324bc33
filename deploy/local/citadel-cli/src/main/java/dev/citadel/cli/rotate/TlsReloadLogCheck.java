package dev.citadel.cli.rotate;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whether a component without an admin API for it connects with a given client certificate, read from its log:
 * health-service's scraper logs every reload of its TLS context with the serial it now presents ({@code TLS
 * scrape-client: reloaded ... serial 1f..}), and its next scrape uses that context. The edge says the same through its
 * admin API ({@link EdgeTlsCheck}).
 */
public final class TlsReloadLogCheck implements CaRotation.InUse {

    private static final int TAIL_BYTES = 4 * 1024 * 1024;

    private final Path log;
    private final String context;

    /** @param context the context's name in the component's log: {@code scrape-client} */
    public TlsReloadLogCheck(Path log, String context) {
        this.log = log;
        this.context = context;
    }

    @Override
    public boolean uses(BigInteger serial) {
        String reloaded = "TLS " + context + ": reloaded";
        String presenting = " serial " + serial.toString(16) + " ";
        // The certificate was issued moments ago, so its line is near the end: only the tail is read, at every probe.
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).lines()
                    .anyMatch(line -> line.contains(reloaded) && line.contains(presenting));
        } catch (IOException e) {
            return false;
        }
    }
}
