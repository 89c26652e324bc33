package dev.citadel.webui.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The HTML pages, read once at startup with their asset links pointed at the fingerprinted prefix
 * ({@code %ASSETS%} in the source). Nothing request-dependent goes into a page: the edge caches them.
 */
@Component
class Pages {

    static final String ASSETS_PLACEHOLDER = "%ASSETS%";

    private final Map<String, String> pages;

    Pages(AssetFingerprint fingerprint) {
        this.pages = Map.of(
                "index.html", load("index.html", fingerprint),
                "ops.html", load("ops.html", fingerprint));
    }

    String get(String name) {
        return pages.get(name);
    }

    private static String load(String name, AssetFingerprint fingerprint) {
        try (InputStream in = new ClassPathResource("web/" + name).getInputStream()) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return html.replace(ASSETS_PLACEHOLDER, fingerprint.urlPrefix());
        } catch (IOException e) {
            throw new UncheckedIOException("missing page " + name, e);
        }
    }
}
