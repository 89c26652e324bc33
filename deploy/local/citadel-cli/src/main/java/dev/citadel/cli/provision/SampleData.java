package dev.citadel.cli.provision;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.citadel.catalog.domain.CatalogItem;
import dev.citadel.catalog.domain.StoredImage;
import dev.citadel.catalog.store.CatalogStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The handful of catalog items loaded on first start. Their images ship in this jar and are stored in Cassandra, so
 * the stamps serve them at {@code /images/{id}} themselves and nothing leaves the machine.
 */
final class SampleData {

    record Sample(String file, String name, String description, String price) {

        /** Stable ids: a second load (after the marker file was deleted) overwrites instead of duplicating. */
        UUID id() {
            return UUID.nameUUIDFromBytes(("citadel-sample-" + file).getBytes(StandardCharsets.UTF_8));
        }
    }

    static final List<Sample> SAMPLES = List.of(
            new Sample("lantern", "Brass lantern", "A storm lantern for long nights on the ramparts.", "24.90"),
            new Sample("compass", "Field compass", "Finds north even when every region is down.", "39.00"),
            new Sample("teapot", "Green teapot", "Keeps six cups warm through a whole failover drill.", "18.50"),
            new Sample("kite", "Red kite", "Flies in any weather; tested under chaos.", "12.75"),
            new Sample("drum", "Signal drum", "The original health probe: one beat per second.", "56.00"));

    private SampleData() {}

    /** Writes every sample item and its image; {@code imageBase} is the public URL prefix of {@code /images/}. */
    static int load(CqlSession session, String keyspace, String imageBase) {
        CatalogStore store = new CatalogStore(session, keyspace, Duration.ofSeconds(20));
        for (Sample sample : SAMPLES) {
            UUID id = sample.id();
            store.putImage(StoredImage.of(id, "image/png", bytes(sample.file() + ".png")));
            store.upsertItem(new CatalogItem(id, sample.name(), sample.description(), imageBase + id,
                    new BigDecimal(sample.price()), Instant.now(), null));
        }
        return SAMPLES.size();
    }

    static byte[] bytes(String resource) {
        try (InputStream in = SampleData.class.getResourceAsStream("/sample-data/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("sample image missing from the CLI jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
